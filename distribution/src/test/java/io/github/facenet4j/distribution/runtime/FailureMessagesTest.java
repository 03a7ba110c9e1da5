package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureMessagesTest {

    @Test
    void findsTheInnermostFacenetMessage() {
        String trace = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                Caused by: io.github.facenet4j.api.ConfigurationException: loss triplet: margin must be a number, got 'wide'
                \tat io.github.facenet4j.api.Settings.invalid(Settings.java:99)
                """;
        assertThat(FailureMessages.facenetMessage(trace)).isEqualTo("loss triplet: margin must be a number, got 'wide'");
    }

    @Test
    void answersNullWithoutOne() {
        assertThat(FailureMessages.facenetMessage("java.lang.IllegalStateException: boom")).isNull();
        assertThat(FailureMessages.facenetMessage(null)).isNull();
    }
}
