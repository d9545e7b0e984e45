package org.ntk4j.core.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the numpy-generated files under {@code src/test/resources/npy} (see generate.py there). */
final class NpyFixtures {

    private NpyFixtures() {
    }

    static Path fixture(String name) {
        URL url = NpyFixtures.class.getResource("/npy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource /npy/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
