/**
 * The phone app's HTTP API: its contract ({@code mobile-openapi.yaml}), the handlers ({@link
 * org.tether.mobile.MobileApi}) and the interface they work against ({@link org.tether.mobile.PhoneBackend}),
 * which the server implements. Nothing here touches storage.
 */
package org.tether.mobile;
