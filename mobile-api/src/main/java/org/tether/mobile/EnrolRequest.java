package org.tether.mobile;

/**
 * @param code the one-time code as typed (case, spaces and dashes do not matter)
 * @param platform ANDROID or IOS, for the record
 * @param pushToken the FCM registration token, when the app has one already; may be null
 */
public record EnrolRequest(String code, String platform, String pushToken) {
}
