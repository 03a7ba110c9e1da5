package io.github.facenet4j.plugins;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the plugins that jars declare through their OSGi {@code Service-Component}
 * header: the same descriptors SCR reads, so the plain runtime and the OSGi runtime see
 * one set. A jar without the header declares none; a component service that is not a
 * {@linkplain PluginKind.Label labelled} plugin interface (or whose interface this class
 * loader cannot see) is not a plugin.
 */
public final class PluginJars {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private PluginJars() {
    }

    /** The plugins declared by every jar (or classes directory) {@code loader} sees. */
    public static List<DeclaredPlugin> onClassPath(ClassLoader loader) {
        List<DeclaredPlugin> plugins = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try {
            Enumeration<URL> manifests = loader.getResources(MANIFEST);
            while (manifests.hasMoreElements()) {
                declared(manifests.nextElement(), loader, seen, plugins);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(plugins);
    }

    /** The jars in {@code directory}, sorted by name; none when it does not exist. */
    public static List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list plugin jars in " + directory + ": " + e.getMessage());
        }
    }

    /**
     * The plugins declared by {@code jars}, their classes loaded by {@code loader} (which
     * must see the jars, e.g. a {@link #loaderFor} them).
     */
    public static List<DeclaredPlugin> inJars(List<Path> jars, ClassLoader loader) {
        List<DeclaredPlugin> plugins = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Path jar : jars) {
            declared(manifestUrl(jar), loader, seen, plugins);
        }
        return List.copyOf(plugins);
    }

    /** A class loader over {@code jars} whose parent is {@code parent} (parent first, as usual). */
    public static URLClassLoader loaderFor(List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ConfigurationException("Cannot use plugin jar " + jars.get(i) + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("facenet-plugins", urls, parent);
    }

    private static URL manifestUrl(Path jar) {
        try {
            return new URL("jar:" + jar.toUri().toURL() + "!/" + MANIFEST);
        } catch (MalformedURLException e) {
            throw new ConfigurationException("Cannot use plugin jar " + jar + ": " + e.getMessage());
        }
    }

    private static void declared(URL manifestUrl, ClassLoader loader, Set<String> seen, List<DeclaredPlugin> out) {
        Attributes attributes;
        try (InputStream in = manifestUrl.openStream()) {
            attributes = new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the manifest " + manifestUrl + ": " + e.getMessage()
                    + " (is the jar damaged? replace it)");
        }
        String header = attributes.getValue("Service-Component");
        if (header == null || header.isBlank()) {
            return;
        }
        String bundle = symbolicName(attributes.getValue("Bundle-SymbolicName"));
        String version = attributes.getValue("Bundle-Version") == null ? "unknown" : attributes.getValue("Bundle-Version");
        String identity = bundle.equals("unknown") ? manifestUrl.toString() : bundle + "@" + version;
        if (!seen.add(identity)) {
            return; // the same bundle twice on a class path (a jar and a copy)
        }
        String base = manifestUrl.toString().substring(0, manifestUrl.toString().length() - MANIFEST.length());
        for (String entry : header.split(",")) {
            String path = entry.split(";")[0].trim();
            URL descriptor;
            try {
                descriptor = new URL(base + path);
            } catch (MalformedURLException e) {
                throw new ConfigurationException("Bad Service-Component entry '" + path + "' in " + bundle);
            }
            try (InputStream in = descriptor.openStream()) {
                for (ComponentDescriptor component : ComponentDescriptor.read(in, bundle + "/" + path)) {
                    addServices(component, loader, bundle, version, out);
                }
            } catch (IOException e) {
                throw new ConfigurationException("The bundle " + bundle + " names " + path
                        + " in Service-Component but it cannot be read: " + e.getMessage());
            }
        }
    }

    private static void addServices(ComponentDescriptor component, ClassLoader loader, String bundle, String version,
                                    List<DeclaredPlugin> out) {
        if (!component.enabled() || component.pluginName() == null) {
            return;
        }
        for (String service : component.services()) {
            PluginKind kind = kindOf(service, loader);
            if (kind != null) {
                out.add(new DeclaredPlugin(kind, component, loader, bundle, version));
            }
        }
    }

    private static PluginKind kindOf(String service, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(service, false, loader);
            return Plugin.class.isAssignableFrom(type) ? PluginKind.ofOrNull(type) : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String symbolicName(String header) {
        return header == null ? "unknown" : header.split(";")[0].trim();
    }
}
