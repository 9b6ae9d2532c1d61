package org.tether.simulator.phone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The file an enrolled phone keeps its {@link EnrolledPhone} in (JSON). It holds the API token and the MQTT
 * password, so it is created readable and writable by its owner only (0600) — written to a private
 * temporary file first and moved into place, so it is never visible with wider permissions nor half written.
 */
public final class PhoneStateFile {

    /** The permissions the file is written with. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path path;
    private final ObjectMapper json;

    public PhoneStateFile(Path path, ObjectMapper json) {
        this.path = path;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Writes (or replaces) the file, owner-only. */
    public void write(EnrolledPhone phone) throws PhoneStateException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = posix()
                    ? Files.createTempFile(dir, ".phone-state-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".phone-state-", ".tmp");
            if (!posix()) {
                restrictNonPosix(tmp);
            }
            Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(phone));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new PhoneStateException("cannot write the phone state file " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is owner-only anyway
                }
            }
        }
    }

    /** Reads the file; a missing, unreadable or garbled file is a {@link PhoneStateException} saying so. */
    public EnrolledPhone read() throws PhoneStateException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new PhoneStateException("no phone state file at " + path
                    + ": enrol first (tether-simulator phone enrol --code …) or point --state at it", e);
        } catch (IOException e) {
            throw new PhoneStateException("cannot read the phone state file " + path + ": " + e.getMessage(), e);
        }
        try {
            EnrolledPhone phone = json.readValue(bytes, EnrolledPhone.class);
            if (phone == null) {
                throw new PhoneStateException("the phone state file " + path + " is empty");
            }
            return phone;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PhoneStateException("the phone state file " + path + " is not usable: " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new PhoneStateException("the phone state file " + path + " is not valid phone state JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PhoneStateException("cannot read the phone state file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Empty if only the owner may read or write the file; otherwise what is wrong (someone loosened it
     * after it was written).
     */
    public Optional<String> permissionProblem() {
        if (!posix()) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (actual.equals(OWNER_ONLY) || OWNER_ONLY.containsAll(actual)) {
                return Optional.empty();
            }
            return Optional.of(path + " holds secrets but has permissions " + PosixFilePermissions.toString(actual)
                    + "; run: chmod 600 " + path);
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of " + path + ": " + e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void restrictNonPosix(Path file) {
        java.io.File f = file.toFile();
        // Off POSIX the best we can do: nobody but the owner.
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }
}
