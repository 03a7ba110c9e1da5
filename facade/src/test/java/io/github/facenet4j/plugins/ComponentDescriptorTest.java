package io.github.facenet4j.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentDescriptorTest {

    private static List<ComponentDescriptor> read(String xml) {
        return ComponentDescriptor.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    @Test
    void readsWhatBndWritesForAnAnnotatedPlugin() {
        List<ComponentDescriptor> components = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="com.example.Miner"
                    configuration-pid="facenet.miner.example" init="1">
                  <property name="facenet.name" type="String" value="example"/>
                  <property name="tags" type="String">
                    one
                    two
                  </property>
                  <service>
                    <provide interface="io.github.facenet4j.api.TripletMiner"/>
                    <provide interface="java.lang.Runnable"/>
                  </service>
                  <implementation class="com.example.MinerImpl"/>
                </scr:component>
                """);
        assertThat(components).hasSize(1);
        ComponentDescriptor c = components.get(0);
        assertThat(c.componentName()).isEqualTo("com.example.Miner");
        assertThat(c.implementation()).isEqualTo("com.example.MinerImpl");
        assertThat(c.services()).containsExactly("io.github.facenet4j.api.TripletMiner", "java.lang.Runnable");
        assertThat(c.pluginName()).isEqualTo("example");
        assertThat((String[]) c.properties().get("tags")).containsExactly("one", "two");
        assertThat(c.configurationPid()).isEqualTo("facenet.miner.example");
        assertThat(c.requiresConfiguration()).isFalse();
        assertThat(c.enabled()).isTrue();
    }

    @Test
    void defaultsFollowTheDsSpecificationAndAComponentsFileMayHoldSeveral() {
        List<ComponentDescriptor> components = read("""
                <components xmlns:scr="http://www.osgi.org/xmlns/scr/v1.1.0">
                  <scr:component configuration-policy="require" enabled="false">
                    <implementation class="a.First"/>
                  </scr:component>
                  <scr:component name="second">
                    <implementation class="a.Second"/>
                  </scr:component>
                </components>
                """);
        assertThat(components).extracting(ComponentDescriptor::componentName).containsExactly("a.First", "second");
        ComponentDescriptor first = components.get(0);
        assertThat(first.configurationPid()).as("the PID defaults to the component name").isEqualTo("a.First");
        assertThat(first.requiresConfiguration()).isTrue();
        assertThat(first.enabled()).isFalse();
        assertThat(first.pluginName()).isNull();
        assertThat(first.services()).isEmpty();
    }

    @Test
    void aFileThatIsNotADescriptorIsOneLineNamingIt() {
        assertThatThrownBy(() -> read("not xml at all"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the component descriptor test.xml: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> read("<scr:component xmlns:scr=\"x\"><service/></scr:component>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The component descriptor test.xml names no implementation class");
    }

    @Test
    void refusesADoctypeSoNoEntityIsExpanded() {
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x \"y\">]>"
                + "<component><implementation class=\"&x;\"/></component>"))
                .isInstanceOf(ConfigurationException.class);
    }
}
