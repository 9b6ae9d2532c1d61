/** "My status" (我的状态) for the phone app: the person's own tier, period, check-in window, leave and messages. */
package org.tether.server.status;
