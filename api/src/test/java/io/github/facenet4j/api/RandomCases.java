package io.github.facenet4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * A property test run once per seed 1, 2, …, {@link #value()}. The test method takes one
 * {@link SplittableRandom}, {@code new SplittableRandom(seed)}, and draws all its inputs from
 * it (with {@link Draw}'s generators where they fit), so every run of the build tries the same
 * cases and a case is reproduced by its seed alone. Each case is named {@code seed N}, and it is
 * also the N-th invocation ({@code [N]} in Surefire's report), so a failure names its seed.
 *
 * <p>Inputs a random draw is unlikely to hit but the property depends on (empty or single
 * inputs, extreme values) belong in explicit cases beside it.
 *
 * <p>Public, in the api module's test-jar, so that every module's tests share it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "seed {0}")
@ArgumentsSource(RandomCases.Seeds.class)
public @interface RandomCases {

    /** How many cases: the seeds 1 to this. */
    int value();

    /** One argument per seed: the seeded generator, named by its seed. */
    final class Seeds extends AnnotationBasedArgumentsProvider<RandomCases> {

        @Override
        protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
                ExtensionContext context, RandomCases cases) {
            if (cases.value() < 1) {
                throw new IllegalArgumentException("@RandomCases needs at least 1 case, got " + cases.value());
            }
            return LongStream.rangeClosed(1, cases.value())
                    .mapToObj(seed -> Arguments.of(Named.of(Long.toString(seed), new SplittableRandom(seed))));
        }
    }
}
