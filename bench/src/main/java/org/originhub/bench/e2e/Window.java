package org.originhub.bench.e2e;

import java.util.List;

/** Told when the measured window of a load phase opens and closes (to reset counters, to sample CPU and heap). */
interface Window {

    default void opened() {
    }

    default void closed() {
    }

    /** Several listeners, told in order. */
    static Window all(Window... windows) {
        List<Window> list = List.of(windows);
        return new Window() {
            @Override
            public void opened() {
                list.forEach(Window::opened);
            }

            @Override
            public void closed() {
                list.forEach(Window::closed);
            }
        };
    }
}
