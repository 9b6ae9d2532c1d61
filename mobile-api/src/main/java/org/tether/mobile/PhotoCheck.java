package org.tether.mobile;

import java.util.Locale;

/** A photo is accepted when its declared type is JPEG or PNG, its bytes really are that, and it is small enough. */
final class PhotoCheck {

    private PhotoCheck() {
    }

    static Photo check(String declaredType, byte[] bytes, int maxBytes) {
        String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!declared.equals("image/jpeg") && !declared.equals("image/png")) {
            throw new PhoneProblem(415, "Unsupported media type", "a photo is sent as image/jpeg or image/png, not '"
                    + declared + "'", "photo", null);
        }
        if (bytes.length == 0) {
            throw PhoneProblem.badRequest("photo", "the photo is empty");
        }
        if (bytes.length > maxBytes) {
            throw new PhoneProblem(413, "Request too large", "the photo exceeds " + maxBytes + " bytes", "photo", null);
        }
        String actual = isJpeg(bytes) ? "image/jpeg" : isPng(bytes) ? "image/png" : null;
        if (!declared.equals(actual)) {
            throw new PhoneProblem(415, "Unsupported media type", "the photo's content is not " + declared, "photo", null);
        }
        return new Photo(actual, bytes);
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    private static boolean isPng(byte[] b) {
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
