package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.FaceNetException;

/** Finds a facenet4j exception's user-facing message inside a recorded stack trace. */
final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * The message of the innermost {@code io.github.facenet4j.api.*Exception} in a stack
     * trace text such as SCR's activation failure; null when there is none.
     */
    static String facenetMessage(String stackTrace) {
        if (stackTrace == null) {
            return null;
        }
        String found = null;
        String prefix = FaceNetException.class.getPackageName() + ".";
        for (String line : stackTrace.split("\\R")) {
            String text = line.trim();
            if (text.startsWith("Caused by: ")) {
                text = text.substring("Caused by: ".length());
            }
            int colon = text.indexOf(": ");
            if (text.startsWith(prefix) && colon > 0 && text.substring(0, colon).endsWith("Exception")) {
                found = text.substring(colon + 2);
            }
        }
        return found;
    }
}
