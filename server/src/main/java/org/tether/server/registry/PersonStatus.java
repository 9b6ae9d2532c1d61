package org.tether.server.registry;

/** In supervision, or ended (解除矫正, or otherwise out of community correction). */
public enum PersonStatus {
    IN_SUPERVISION,
    ENDED
}
