package org.tether.simulator.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoKindTest {

    @Test
    void generatesRealImagesOfTheAskedFormat() throws Exception {
        Photo jpeg = PhotoKind.JPEG.generate(new SplittableRandom(1)).orElseThrow();
        assertEquals("image/jpeg", jpeg.contentType());
        assertEquals((byte) 0xFF, jpeg.bytes()[0]);
        assertEquals((byte) 0xD8, jpeg.bytes()[1]);
        Photo png = PhotoKind.PNG.generate(new SplittableRandom(1)).orElseThrow();
        assertEquals("image/png", png.contentType());
        assertEquals((byte) 0x89, png.bytes()[0]);
        assertEquals('P', png.bytes()[1]);
        for (Photo p : new Photo[] {jpeg, png}) {
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(p.bytes()));
            assertNotNull(back, p.toString());
            assertEquals(160, back.getWidth());
            assertTrue(p.bytes().length < 2_000_000, "within the server's photo limit");
        }
        assertTrue(PhotoKind.NONE.generate(new SplittableRandom(1)).isEmpty());
    }
}
