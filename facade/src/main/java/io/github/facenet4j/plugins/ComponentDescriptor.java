package io.github.facenet4j.plugins;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One Declarative Services component as its descriptor ({@code OSGI-INF/*.xml}, written by
 * bnd from the {@code @Component} annotation) declares it. The OSGi runtime hands these
 * files to SCR; the plain runtime reads the same files, so a plugin is declared once, by its
 * annotation, and both runtimes see it.
 *
 * @param componentName     the component's name (DS {@code name}, by default the class name)
 * @param implementation    the implementing class's name
 * @param services          the service interfaces it provides
 * @param properties        its declared properties (such as {@link Plugin#NAME_PROPERTY})
 * @param configurationPid  the PID its configuration comes under
 * @param requiresConfiguration whether DS activates it only when that PID is configured
 * @param enabled           whether DS enables it when its bundle starts
 */
public record ComponentDescriptor(String componentName, String implementation, List<String> services,
                                  Map<String, Object> properties, String configurationPid,
                                  boolean requiresConfiguration, boolean enabled) {

    public ComponentDescriptor {
        Objects.requireNonNull(componentName, "componentName");
        Objects.requireNonNull(implementation, "implementation");
        services = List.copyOf(services);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(configurationPid, "configurationPid");
    }

    /** The {@link Plugin#NAME_PROPERTY} it declares, or {@code null} when it is not a named plugin. */
    public String pluginName() {
        Object name = properties.get(Plugin.NAME_PROPERTY);
        return name == null ? null : name.toString();
    }

    /**
     * Reads one descriptor file; the DS XML namespaces 1.0–1.5 all share these elements.
     *
     * @param source names the file in errors
     * @throws ConfigurationException when it is not a component descriptor
     */
    public static List<ComponentDescriptor> read(InputStream in, String source) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            root = builder.parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ConfigurationException("Cannot read the component descriptor " + source + ": " + e.getMessage());
        }
        List<ComponentDescriptor> components = new ArrayList<>();
        if ("component".equals(root.getLocalName())) {
            components.add(component(root, source));
        } else {
            for (Element element : children(root, "component")) {
                components.add(component(element, source));
            }
        }
        return components;
    }

    private static ComponentDescriptor component(Element component, String source) {
        List<Element> implementations = children(component, "implementation");
        if (implementations.isEmpty() || implementations.get(0).getAttribute("class").isBlank()) {
            throw new ConfigurationException("The component descriptor " + source + " names no implementation class");
        }
        String implementation = implementations.get(0).getAttribute("class").trim();
        String name = attribute(component, "name", implementation);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Element property : children(component, "property")) {
            properties.put(property.getAttribute("name"), propertyValue(property));
        }
        List<String> services = new ArrayList<>();
        for (Element service : children(component, "service")) {
            for (Element provide : children(service, "provide")) {
                services.add(provide.getAttribute("interface").trim());
            }
        }
        String pid = attribute(component, "configuration-pid", name).split("\\s+")[0];
        boolean requires = "require".equals(component.getAttribute("configuration-policy"));
        boolean enabled = !"false".equals(component.getAttribute("enabled"));
        return new ComponentDescriptor(name, implementation, services, properties, pid, requires, enabled);
    }

    /** A {@code <property>}'s value: its {@code value} attribute, or its text's lines as an array. */
    private static Object propertyValue(Element property) {
        if (property.hasAttribute("value")) {
            return property.getAttribute("value");
        }
        return property.getTextContent().strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .toArray(String[]::new);
    }

    private static String attribute(Element element, String name, String fallback) {
        String value = element.getAttribute(name);
        return value.isBlank() ? fallback : value.trim();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                out.add(element);
            }
        }
        return out;
    }
}
