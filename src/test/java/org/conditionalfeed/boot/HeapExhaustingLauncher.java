package org.conditionalfeed.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The real launcher, {@link Main}, followed by a background thread (not a request thread) that
 * allocates until the heap is exhausted: a real {@link OutOfMemoryError} in a running server, for
 * {@link OutOfMemoryExitTest}.
 */
final class HeapExhaustingLauncher {

    private HeapExhaustingLauncher() {
    }

    public static void main(String[] args) {
        Main.main(args);
        Thread hog = new Thread(() -> {
            List<byte[]> held = new ArrayList<>();
            while (true) {
                held.add(new byte[1 << 20]);
            }
        }, "heap-hog");
        hog.start();
    }
}
