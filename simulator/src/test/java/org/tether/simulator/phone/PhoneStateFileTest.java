package org.tether.simulator.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneStateFileTest {

    @TempDir
    Path dir;

    static EnrolledPhone phone() {
        return new EnrolledPhone("http://127.0.0.1:8080", "tcp://127.0.0.1:1883", "6f1c0f1e-8a3b-4d7e-9a51-0c2b9d4e7f10",
                "PH-ABC", "secret-token-123", "2027-01-01T00:00:00Z", "PH-ABC", "PH-ABC", "secret-mqtt-pw",
                "tether/v1/devices/PH-ABC/fixes", "2026-12-03T10:00:00Z");
    }

    @Test
    void roundTripsAndIsWrittenOwnerOnlyEvenOverALooserFile() throws Exception {
        Path path = dir.resolve("sub/phone.json");
        Files.createDirectories(path.getParent());
        Files.writeString(path, "old");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        PhoneStateFile file = new PhoneStateFile(path, new ObjectMapper());

        file.write(phone());

        assertEquals(phone(), file.read());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertTrue(file.permissionProblem().isEmpty());
        try (Stream<Path> left = Files.list(path.getParent())) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void createsMissingDirectories() throws Exception {
        PhoneStateFile file = new PhoneStateFile(dir.resolve("a/b/phone.json"), new ObjectMapper());
        file.write(phone());
        assertEquals("PH-ABC", file.read().deviceId());
    }

    @Test
    void aLoosenedFileIsReported() throws Exception {
        Path path = dir.resolve("phone.json");
        PhoneStateFile file = new PhoneStateFile(path, new ObjectMapper());
        file.write(phone());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        String problem = file.permissionProblem().orElseThrow();
        assertTrue(problem.contains("rw-r--r--") && problem.contains("chmod 600"), problem);
    }

    @Test
    void aMissingFileSaysEnrolFirst() {
        Path path = dir.resolve("nope.json");
        PhoneStateException e = assertThrows(PhoneStateException.class,
                () -> new PhoneStateFile(path, new ObjectMapper()).read());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("enrol first"), e.getMessage());
    }

    @Test
    void garbledOrIncompleteFilesNameTheProblem() throws IOException {
        Path path = dir.resolve("phone.json");
        PhoneStateFile file = new PhoneStateFile(path, new ObjectMapper());
        Files.writeString(path, "{not json");
        PhoneStateException garbled = assertThrows(PhoneStateException.class, file::read);
        assertTrue(garbled.getMessage().contains("not valid phone state JSON"), garbled.getMessage());

        Files.writeString(path, "{\"server\":\"http://x:1\",\"broker\":\"tcp://x:1883\",\"deviceId\":\"PH-1\"}");
        PhoneStateException incomplete = assertThrows(PhoneStateException.class, file::read);
        assertTrue(incomplete.getMessage().contains("'token' is missing"), incomplete.getMessage());

        Files.writeString(path, "");
        assertThrows(PhoneStateException.class, file::read);
    }

    @Test
    void secretsNeverShowInToString() {
        String text = phone().toString();
        assertFalse(text.contains("secret-token-123"), text);
        assertFalse(text.contains("secret-mqtt-pw"), text);
        assertTrue(text.contains("PH-ABC"), text);
        assertFalse(phone().mqttCredentials().toString().contains("secret-mqtt-pw"));
    }
}
