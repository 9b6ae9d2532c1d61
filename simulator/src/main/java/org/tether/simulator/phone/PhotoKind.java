package org.tether.simulator.phone;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/** Whether a check-in carries a photo, and in which format the simulator generates it. */
public enum PhotoKind {
    NONE(null, null),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;

    private final String contentType;
    private final String imageIoFormat;

    PhotoKind(String contentType, String imageIoFormat) {
        this.contentType = contentType;
        this.imageIoFormat = imageIoFormat;
    }

    /**
     * A small real image (the server checks the content, not just the header): coloured blocks, no text, so
     * no fonts are needed on a headless machine. Empty for {@link #NONE}.
     */
    public Optional<Photo> generate(RandomGenerator rng) {
        if (this == NONE) {
            return Optional.empty();
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(rng.nextInt(0x1000000)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(rng.nextInt(0x1000000)));
                g.fillOval(rng.nextInt(WIDTH), rng.nextInt(HEIGHT), 20 + rng.nextInt(60), 20 + rng.nextInt(60));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, imageIoFormat, out)) {
                throw new IllegalStateException("no ImageIO writer for " + imageIoFormat);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Photo(contentType, out.toByteArray()));
    }
}
