package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.distribution.FaceNetHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The OSGi runtime: an embedded Apache Felix with SCR and ConfigAdmin. The api packages
 * and ConfigAdmin's API are exported by the system bundle from the launcher class path, so
 * the launcher and the bundles share those classes; every implementation bundle in
 * {@code bundles/} is installed and its Declarative Services components are looked up
 * by the service property {@code facenet.name}.
 *
 * <p>Start order matters: ConfigAdmin and SCR start first, the {@code conf/} files are
 * pushed through the ConfigAdmin API (FileInstall's start-up timing proved unreliable for
 * initial configuration), and only then the plugin bundles, so every component activates
 * with its configuration.
 */
public final class FelixRuntime implements PluginRuntime {

    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Framework framework;
    private final Path storage;
    /** Deletes the cache folder when the JVM ends before {@link #close()} (Ctrl-C, kill). */
    private final Thread deleteOnExit;

    private FelixRuntime(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
        this.deleteOnExit = new Thread(() -> TemporaryFolders.deleteRecursively(storage), "facenet-felix-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    /** Starts Felix over {@code home}'s bundles with {@code configurations}. */
    public static FelixRuntime start(FaceNetHome home, PluginConfigurations configurations) {
        home.requireBundles();
        Path storage;
        try {
            storage = TemporaryFolders.createFelixStorage(TemporaryFolders.root());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot create a Felix cache directory in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage());
        }
        Map<String, String> settings = new HashMap<>();
        settings.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        settings.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        settings.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra());
        settings.put("felix.log.level", "1");
        // SCR would print activation failures as stack traces; get() reports them as one line.
        settings.put("ds.loglevel", "0");
        Framework framework = new FrameworkFactory().newFramework(settings);
        FelixRuntime runtime = new FelixRuntime(framework, storage);
        try {
            framework.init();
            framework.start();
            runtime.installAndStart(home.bundles(), configurations);
            return runtime;
        } catch (BundleException | RuntimeException e) {
            runtime.close();
            if (e instanceof FaceNetException facenet) {
                throw facenet;
            }
            throw new BackendException("The OSGi runtime failed to start: " + e.getMessage()
                    + " (try --runtime plain, or rebuild with ./facenet)", e);
        }
    }

    /**
     * Packages the system bundle exports besides the JDK's: facenet4j's api, the evaluators'
     * result types (so that the CLI and the evaluator bundle share the report classes the
     * HTML report reads; the bundle imports its own exported package), ConfigAdmin's
     * API, the engines' packages (thin backend bundles: the engine jars stay on the launcher
     * class path: DJL looks its engine up through the context class loader, and PyTorch's native
     * library can belong to one class loader only, so an embedded engine would not survive a
     * bundle refresh), and the incubating vector module the distance kernel uses. Versions come from
     * the jars' own Export-Package headers, so they never drift from the build.
     */
    private static String systemPackagesExtra() {
        List<String> exports = new ArrayList<>();
        exports.add(BundleManifests.exports(Plugin.class));
        exports.add(BundleManifests.exports(io.github.facenet4j.evaluators.VerificationReport.class));
        exports.add(BundleManifests.exports(ConfigurationAdmin.class));
        exports.add(BundleManifests.exports(ServiceComponentRuntime.class));
        exports.add(BundleManifests.exports(org.osgi.util.promise.Promise.class));
        exports.add(BundleManifests.exports(org.osgi.util.function.Function.class));
        exports.add(BundleManifests.engineExports("ai.onnxruntime.OrtEnvironment", "ai.onnxruntime"));
        exports.add(BundleManifests.engineExports("ai.djl.Device", "ai.djl", "ai.djl.engine", "ai.djl.ndarray",
                "ai.djl.ndarray.types", "ai.djl.nn", "ai.djl.nn.convolutional", "ai.djl.nn.core", "ai.djl.nn.pooling",
                "ai.djl.training"));
        exports.add(BundleManifests.engineExports("ai.djl.pytorch.engine.PtEngine", "ai.djl.pytorch.engine",
                "ai.djl.pytorch.jni"));
        exports.add("jdk.incubator.vector");
        return String.join(",", exports.stream().filter(s -> !s.isBlank()).toList());
    }

    private void installAndStart(Path bundleDirectory, PluginConfigurations configurations) throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> infrastructure = new ArrayList<>();
        List<Bundle> plugins = new ArrayList<>();
        for (Path jar : jars(bundleDirectory)) {
            Bundle bundle;
            try (InputStream in = Files.newInputStream(jar)) {
                bundle = context.installBundle(jar.toUri().toString(), in);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read bundle " + jar + ": " + e.getMessage());
            }
            if (bundle.getHeaders().get("Service-Component") != null) {
                plugins.add(bundle);
            } else {
                infrastructure.add(bundle);
            }
        }
        for (Bundle bundle : infrastructure) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        pushConfigurations(context, configurations);
        for (Bundle bundle : plugins) {
            bundle.start();
        }
    }

    private static List<Path> jars(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list bundles in " + directory + ": " + e.getMessage());
        }
    }

    private static void pushConfigurations(BundleContext context, PluginConfigurations configurations) {
        if (configurations.all().isEmpty()) {
            return;
        }
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        if (reference == null) {
            throw new ConfigurationException("ConfigAdmin is not running: the bundles directory lacks "
                    + "org.apache.felix.configadmin; rebuild the distribution.");
        }
        ConfigurationAdmin admin = context.getService(reference);
        try {
            for (Map.Entry<String, Map<String, Object>> entry : configurations.all().entrySet()) {
                Configuration configuration = admin.getConfiguration(entry.getKey(), "?");
                Dictionary<String, Object> properties = new Hashtable<>(entry.getValue());
                configuration.update(properties);
            }
        } catch (IOException e) {
            throw new ConfigurationException("ConfigAdmin refused the configuration: " + e.getMessage());
        } finally {
            context.ungetService(reference);
        }
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.OSGI;
    }

    @Override
    public <T extends Plugin> T get(Class<T> type, String name) {
        BundleContext context = framework.getBundleContext();
        Collection<ServiceReference<T>> references;
        try {
            references = context.getServiceReferences(type, "(" + Plugin.NAME_PROPERTY + "=" + escape(name) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Escaped filter rejected for " + name, e);
        }
        PluginKind kind = PluginKind.forType(type);
        if (references.isEmpty()) {
            throw new UnknownPluginException(kind, name, names(kind));
        }
        ServiceReference<T> best = references.stream().max(Comparator.naturalOrder()).orElseThrow();
        T service = context.getService(best);
        if (service == null) {
            throw activationFailure(kind, name, best);
        }
        return service;
    }

    /**
     * Why SCR could not activate a component (DS 1.5 records the failure): plugins throw a
     * {@link FaceNetException} with a user-facing message from their config records, and
     * that message is what the user should see.
     */
    private FaceNetException activationFailure(PluginKind kind, String name, ServiceReference<?> reference) {
        String advice = "check conf/" + PluginConfigurations.pid(kind.label(), name) + ".cfg";
        BundleContext context = framework.getBundleContext();
        ServiceReference<ServiceComponentRuntime> scrReference = context.getServiceReference(ServiceComponentRuntime.class);
        if (scrReference != null) {
            ServiceComponentRuntime scr = context.getService(scrReference);
            try {
                ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(reference.getBundle(),
                        String.valueOf(reference.getProperty("component.name")));
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    String cause = FailureMessages.facenetMessage(configuration.failure);
                    if (cause != null) {
                        return new ConfigurationException(cause);
                    }
                }
            } finally {
                context.ungetService(scrReference);
            }
        }
        return new ConfigurationException("The " + kind.label() + " '" + name
                + "' is installed but failed to activate; " + advice + ".");
    }

    @Override
    public List<PluginInfo> plugins() {
        BundleContext context = framework.getBundleContext();
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            Collection<? extends ServiceReference<? extends Plugin>> references;
            try {
                references = context.getServiceReferences(kind.serviceType(), "(" + Plugin.NAME_PROPERTY + "=*)");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            for (ServiceReference<? extends Plugin> reference : references) {
                Bundle bundle = reference.getBundle();
                Object component = reference.getProperty("component.name");
                infos.add(new PluginInfo(kind, String.valueOf(reference.getProperty(Plugin.NAME_PROPERTY)),
                        component == null ? "unknown" : component.toString(), bundle.getSymbolicName(),
                        bundle.getVersion().toString()));
            }
        }
        infos.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::name));
        return List.copyOf(infos);
    }

    /** LDAP filter escaping (RFC 4515) for a user-supplied name. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The bundles the framework has installed, for diagnostics and tests. */
    public List<Bundle> bundles() {
        return List.of(framework.getBundleContext().getBundles());
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException e) {
            // Stopping is best effort; the cache directory is removed below either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TemporaryFolders.deleteRecursively(storage);
            try {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook deletes the folder as well
            }
        }
    }
}
