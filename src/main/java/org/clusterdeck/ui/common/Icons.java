package org.clusterdeck.ui.common;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/** Node icons rendered from icons/*.svg (see icons/render.sh), loaded once and shared. */
public final class Icons {
    public static final String HOST = "host";
    public static final String VM = "vm";
    public static final String LOAD_BALANCER = "loadbalancer";
    public static final String DATABASE = "database";
    public static final String SITE = "site";
    public static final String APP = "clusterdeck";

    private static final Map<String, Image> CACHE = new ConcurrentHashMap<>();

    private Icons() {
    }

    public static Image image(String name, int size) {
        return CACHE.computeIfAbsent(name + "-" + size, k -> {
            InputStream in = Icons.class.getResourceAsStream("/icons/" + k + ".png");
            if (in == null) {
                throw new IllegalStateException("icon /icons/" + k + ".png is missing from the build");
            }
            return new Image(in);
        });
    }

    public static Node view(String name, int size) {
        ImageView v = new ImageView(image(name, size));
        v.setFitWidth(size);
        v.setFitHeight(size);
        return v;
    }
}
