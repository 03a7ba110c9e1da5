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
import java.util.IdentityHashMap;
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
    /** Services handed out by {@link #get} and not yet {@linkplain #release released}: each one ungot once per get. */
    private final Map<Object, List<ServiceReference<?>>> handedOut = new IdentityHashMap<>();
    /** Deletes the cache folder when the JVM ends before {@link #close()} (Ctrl-C, kill). */
    private final Thread deleteOnExit;

    private FelixRuntime(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
        this.deleteOnExit = new Thread(() -> TemporaryFolders.deleteRecursively(storage), "facenet-felix-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    /** The symbolic name of Felix FileInstall, which only a live container starts. */
    static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    /** Symbolic-name prefix of the container's own bundles, which FileInstall leaves alone. */
    static final String CONTAINER_PREFIX = "org.apache.felix.";
    /** The property by which FileInstall knows the configurations it read from a file. */
    private static final String FILE_INSTALL_FILENAME = "felix.fileinstall.filename";
    /** How often a live container's FileInstall looks at bundles/ and conf/, in ms. */
    static final long POLL_MS = 1000;

    /** Starts Felix over {@code home}'s bundles with {@code configurations}, for one command. */
    public static FelixRuntime start(FaceNetHome home, PluginConfigurations configurations) {
        return start(home, configurations, false);
    }

    /**
     * Starts Felix for a long-running process: as {@link #start}, and then Felix FileInstall
     * watches {@code bundles/} (a jar dropped in is installed and started, a jar removed is
     * uninstalled with its plugins) and {@code conf/} (a changed {@code PID.cfg} reconfigures
     * its plugin through ConfigAdmin), polling every {@value #POLL_MS} ms. The initial
     * configuration was pushed before any plugin started, so nothing depends on FileInstall's
     * timing at start-up; it only carries later changes.
     */
    public static FelixRuntime startLive(FaceNetHome home, PluginConfigurations configurations) {
        return start(home, configurations, true);
    }

    private static FelixRuntime start(FaceNetHome home, PluginConfigurations configurations, boolean live) {
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
        settings.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra(home.bundles()));
        settings.put("felix.log.level", "1");
        // SCR would print activation failures as stack traces; get() reports them as one line.
        settings.put("ds.loglevel", "0");
        if (live) {
            settings.putAll(watching(home.bundles()));
        }
        Framework framework = new FrameworkFactory().newFramework(settings);
        FelixRuntime runtime = new FelixRuntime(framework, storage);
        try {
            framework.init();
            framework.start();
            runtime.installAndStart(home, configurations, live);
            if (live) {
                runtime.watchConfigurations(home.conf());
            }
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
     * API, the engines' packages, and the incubating vector module the distance kernel uses.
     * Versions come from the jars' own Export-Package headers, so they never drift from the build.
     *
     * <p>Engines (ONNX Runtime, DJL + PyTorch, Lucene, …) are plain jars on the launcher class
     * path, not bundles: DJL looks its engine up through the context class loader, and PyTorch's
     * native library can belong to one class loader only, so an embedded engine would not
     * survive a bundle refresh. Which engine packages to export is not known here: each bundle
     * in {@code bundles/} that needs some names them in its own manifest
     * ({@link BundleManifests#ENGINE_PACKAGES}), so no module outside a backend names it and
     * removing a backend's bundle and engine jars removes exactly that backend.
     */
    private static String systemPackagesExtra(Path bundles) {
        List<String> exports = new ArrayList<>();
        exports.add(BundleManifests.exports(Plugin.class));
        exports.add(BundleManifests.exports(io.github.facenet4j.evaluators.VerificationReport.class));
        // The face pipeline's types: the launcher's facade and the detector and landmarker
        // plugins of the faces bundle must share them (the bundles import what they export).
        exports.add(BundleManifests.exports(io.github.facenet4j.faces.FaceDetectorFactory.class));
        exports.add(BundleManifests.exports(io.github.facenet4j.models.ModelCard.class));
        // The gallery package (clusterer and gallery-store kinds, their results): shared by the CLI
        // and the gallery bundle's plugins. Lucene's packages come from the bundle's own
        // FaceNet-Engine-Packages header.
        exports.add(BundleManifests.exports(io.github.facenet4j.gallery.GalleryStore.class));
        exports.add(BundleManifests.exports(ConfigurationAdmin.class));
        exports.add(BundleManifests.exports(ServiceComponentRuntime.class));
        exports.add(BundleManifests.exports(org.osgi.util.promise.Promise.class));
        exports.add(BundleManifests.exports(org.osgi.util.function.Function.class));
        exports.add(BundleManifests.engineExportsDeclaredBy(io.github.facenet4j.plugins.PluginJars.jarsIn(bundles)));
        exports.add("jdk.incubator.vector");
        return String.join(",", exports.stream().filter(s -> !s.isBlank()).toList());
    }

    /**
     * FileInstall's settings for watching {@code directory}: polled, the first scan done
     * before FileInstall's start returns (so the plugin bundles are there when the runtime is), never
     * writing configuration back into the files, logging errors only through JUL.
     */
    private static Map<String, String> watching(Path directory) {
        Map<String, String> settings = new HashMap<>();
        settings.put("felix.fileinstall.dir", directory.toAbsolutePath().toString());
        settings.put("felix.fileinstall.poll", Long.toString(POLL_MS));
        settings.put("felix.fileinstall.noInitialDelay", "true");
        settings.put("felix.fileinstall.bundles.new.start", "true");
        settings.put("felix.fileinstall.enableConfigSave", "false");
        settings.put("felix.fileinstall.log.level", "1");
        settings.put("felix.fileinstall.log.default", "jul");
        // Felix's own bundles (SCR, ConfigAdmin, FileInstall itself) are the container, not
        // plugins: FileInstall managing its own jar would refresh itself and hang in STOPPING.
        settings.put("felix.fileinstall.filter", "(?!org\\.apache\\.felix\\.).*\\.(jar|cfg)");
        return settings;
    }

    /** A second FileInstall watcher, over {@code conf/}: a factory configuration of FileInstall's. */
    private void watchConfigurations(Path conf) {
        withConfigAdmin(framework.getBundleContext(), admin -> {
            try {
                admin.createFactoryConfiguration(FILE_INSTALL, "?").update(new Hashtable<>(watching(conf)));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot watch " + conf + " for configuration changes: "
                        + e.getMessage());
            }
        });
    }

    /** Runs {@code use} with ConfigAdmin, handing the service back afterwards. */
    private static void withConfigAdmin(BundleContext context, java.util.function.Consumer<ConfigurationAdmin> use) {
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        if (reference == null) {
            throw new ConfigurationException("ConfigAdmin is not running: the bundles directory lacks "
                    + "org.apache.felix.configadmin; rebuild the distribution.");
        }
        try {
            use.accept(context.getService(reference));
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * One-shot: installs every jar of {@code bundles/}, starts the container bundles, pushes
     * the configuration, then starts the plugin bundles. Live: installs and starts only Felix's
     * own bundles, pushes the configuration (each property set marked with its file as
     * FileInstall marks what it read, so FileInstall finds nothing to change), then starts
     * FileInstall, whose first scan installs and starts every other jar before it returns:
     * FileInstall then owns them (adopting bundles installed by someone else, it would update
     * each one on its first scan, refreshing them under a pipeline being built).
     */
    private void installAndStart(FaceNetHome home, PluginConfigurations configurations, boolean live)
            throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> infrastructure = new ArrayList<>();
        List<Bundle> plugins = new ArrayList<>();
        Bundle fileInstall = null;
        for (Path jar : jars(home.bundles())) {
            if (live && !isContainerBundle(jar)) {
                continue; // FileInstall's
            }
            Bundle bundle;
            try (InputStream in = Files.newInputStream(jar)) {
                bundle = context.installBundle(jar.toUri().toString(), in);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read bundle " + jar + ": " + e.getMessage());
            }
            if (FILE_INSTALL.equals(bundle.getSymbolicName())) {
                fileInstall = bundle;
            } else if (bundle.getHeaders().get("Service-Component") != null) {
                plugins.add(bundle);
            } else {
                infrastructure.add(bundle);
            }
        }
        if (!live && fileInstall != null) {
            fileInstall.uninstall(); // a one-shot command watches nothing
        }
        for (Bundle bundle : infrastructure) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        pushConfigurations(context, configurations, live ? home.conf() : null);
        for (Bundle bundle : plugins) {
            bundle.start();
        }
        if (live) {
            if (fileInstall == null) {
                throw new ConfigurationException("The bundles directory lacks " + FILE_INSTALL
                        + ", which watches bundles/ and conf/; rebuild the distribution.");
            }
            fileInstall.start();
        }
    }

    /** Felix's own bundles (SCR, ConfigAdmin, FileInstall): the container, which FileInstall does not watch. */
    private static boolean isContainerBundle(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return name != null && name.startsWith(CONTAINER_PREFIX);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read bundle " + jar + ": " + e.getMessage()
                    + " (is the jar damaged? replace it)");
        }
    }

    /**
     * A plugin service came, changed or went.
     *
     * @param name     its {@link Plugin#NAME_PROPERTY}
     * @param services the interfaces it is registered under
     * @param gone     whether it is being unregistered (its bundle stops, or SCR deactivates it
     *                 to apply a new configuration)
     */
    public record PluginChange(String name, List<String> services, boolean gone) {
    }

    /**
     * Calls {@code listener} whenever a plugin service (one with {@link Plugin#NAME_PROPERTY})
     * is registered, changed or unregistered: a bundle came or went, or a plugin was
     * reconfigured. It runs on the framework's thread and should only schedule work.
     */
    public void onPluginChange(java.util.function.Consumer<PluginChange> listener) {
        try {
            framework.getBundleContext().addServiceListener(event -> {
                ServiceReference<?> reference = event.getServiceReference();
                listener.accept(new PluginChange(String.valueOf(reference.getProperty(Plugin.NAME_PROPERTY)),
                        List.of((String[]) reference.getProperty(Constants.OBJECTCLASS)),
                        event.getType() == org.osgi.framework.ServiceEvent.UNREGISTERING
                                || event.getType() == org.osgi.framework.ServiceEvent.MODIFIED_ENDMATCH));
            }, "(" + Plugin.NAME_PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Delivers the configuration of {@code pid} to {@code listener} now and after every
     * change (a {@code conf/PID.cfg} edited, added or removed; removal delivers an empty map),
     * as a ConfigAdmin ManagedService registered by the launcher.
     */
    public void onConfiguration(String pid, java.util.function.Consumer<Map<String, Object>> listener) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, pid);
        framework.getBundleContext().registerService(org.osgi.service.cm.ManagedService.class, configuration -> {
            Map<String, Object> values = new HashMap<>();
            if (configuration != null) {
                for (var keys = configuration.keys(); keys.hasMoreElements(); ) {
                    String key = keys.nextElement();
                    values.put(key, configuration.get(key));
                }
            }
            listener.accept(Map.copyOf(values));
        }, properties);
    }

    private static List<Path> jars(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list bundles in " + directory + ": " + e.getMessage());
        }
    }

    /**
     * @param conf in a live container, the directory the configurations were read from: each
     *             gets FileInstall's {@code felix.fileinstall.filename} for its {@code PID.cfg}
     */
    private static void pushConfigurations(BundleContext context, PluginConfigurations configurations, Path conf) {
        if (configurations.all().isEmpty()) {
            return;
        }
        withConfigAdmin(context, admin -> {
            try {
                for (Map.Entry<String, Map<String, Object>> entry : configurations.all().entrySet()) {
                    Configuration configuration = admin.getConfiguration(entry.getKey(), "?");
                    Dictionary<String, Object> properties = new Hashtable<>(entry.getValue());
                    if (conf != null) {
                        properties.put(FILE_INSTALL_FILENAME,
                                conf.resolve(entry.getKey() + ".cfg").toAbsolutePath().toFile().toURI().toString());
                    }
                    configuration.update(properties);
                }
            } catch (IOException e) {
                throw new ConfigurationException("ConfigAdmin refused the configuration: " + e.getMessage());
            }
        });
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
        PluginKind kind = PluginKind.of(type);
        if (references.isEmpty()) {
            throw new UnknownPluginException(kind, name, names(kind));
        }
        ServiceReference<T> best = references.stream().max(Comparator.naturalOrder()).orElseThrow();
        T service = context.getService(best);
        if (service == null) {
            throw activationFailure(kind, name, best);
        }
        synchronized (handedOut) {
            handedOut.computeIfAbsent(service, s -> new ArrayList<>()).add(best);
        }
        return service;
    }

    /** Ungets one use of a service {@link #get} handed out; SCR may then deactivate it. */
    @Override
    public void release(Plugin plugin) {
        ServiceReference<?> reference;
        synchronized (handedOut) {
            List<ServiceReference<?>> uses = handedOut.get(plugin);
            if (uses == null || uses.isEmpty()) {
                return;
            }
            reference = uses.remove(uses.size() - 1);
            if (uses.isEmpty()) {
                handedOut.remove(plugin);
            }
        }
        BundleContext context = framework.getBundleContext();
        if (context != null) {
            context.ungetService(reference);
        }
    }

    private void releaseAll() {
        List<ServiceReference<?>> all = new ArrayList<>();
        synchronized (handedOut) {
            handedOut.values().forEach(all::addAll);
            handedOut.clear();
        }
        BundleContext context = framework.getBundleContext();
        if (context != null) {
            all.forEach(context::ungetService);
        }
    }

    /**
     * Why SCR could not activate a component (DS 1.5 records the failure): plugins throw a
     * {@link FaceNetException} with a user-facing message from their config records, and
     * that message is what the user should see.
     */
    private FaceNetException activationFailure(PluginKind kind, String name, ServiceReference<?> reference) {
        String advice = "check conf/" + kind.configurationPid(name) + ".cfg";
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

    /**
     * Every service registered with a {@link Plugin#NAME_PROPERTY}, once per plugin interface
     * it provides: whatever kinds the installed bundles define, none listed here.
     */
    @Override
    public List<PluginInfo> plugins() {
        BundleContext context = framework.getBundleContext();
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null, "(" + Plugin.NAME_PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<PluginInfo> infos = new ArrayList<>();
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Bundle bundle = reference.getBundle();
            if (bundle == null) {
                continue; // unregistered while we looked
            }
            Object component = reference.getProperty("component.name");
            for (String service : (String[]) reference.getProperty(Constants.OBJECTCLASS)) {
                PluginKind kind = kindOf(bundle, service);
                if (kind != null) {
                    infos.add(new PluginInfo(kind, String.valueOf(reference.getProperty(Plugin.NAME_PROPERTY)),
                            component == null ? "unknown" : component.toString(), bundle.getSymbolicName(),
                            bundle.getVersion().toString()));
                }
            }
        }
        infos.sort(PluginInfo.ORDER);
        return List.copyOf(infos);
    }

    /** The plugin kind of a service interface as the registering bundle sees it; null if not a plugin kind. */
    private static PluginKind kindOf(Bundle bundle, String service) {
        try {
            return PluginKind.ofOrNull(bundle.loadClass(service));
        } catch (ClassNotFoundException | IllegalStateException e) {
            return null;
        }
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
            releaseAll();
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
