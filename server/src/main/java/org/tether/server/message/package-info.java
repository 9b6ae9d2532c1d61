/**
 * Officers' messages to a supervised person's phone app: stored with their push (outbox) in one
 * transaction, listed to staff with delivery and read state, and to the phone with its read receipt.
 */
package org.tether.server.message;
