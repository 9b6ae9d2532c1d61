package org.tether.gateway.decode;

import java.util.List;

/**
 * What one message yielded: the device it speaks for, the fixes that passed validation and the ones
 * that did not. One bad fix in a backlog of hundreds refuses that fix only.
 */
public record DecodedFixes(String deviceId, List<DeviceFix> fixes, List<Rejection> rejections) {

    public DecodedFixes {
        fixes = List.copyOf(fixes);
        rejections = List.copyOf(rejections);
    }
}
