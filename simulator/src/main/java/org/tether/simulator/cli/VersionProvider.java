package org.tether.simulator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven recorded in the jar. */
public final class VersionProvider implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.tether/tether-simulator/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {"tether-simulator " + props.getProperty("version", "(development build)")};
    }
}
