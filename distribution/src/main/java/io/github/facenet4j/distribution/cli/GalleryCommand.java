package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryEntry;
import io.github.facenet4j.gallery.GalleryStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facenet gallery stats|list|remove}: what a gallery holds, and taking entries out of it. */
@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = "Inspect or edit a gallery: 'gallery stats', 'gallery list', 'gallery remove'.",
        subcommands = {GalleryCommand.Stats.class, GalleryCommand.ListEntries.class, GalleryCommand.Remove.class})
public final class GalleryCommand extends ParentCommand {

    /** {@code gallery stats}: entries, identities, space and size on disk. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Entries, identities, embedding space and size on disk of a gallery.")
    public static final class Stats extends PluginCommand {

        @Mixin
        GalleryOptions galleryOptions;

        @Override
        public Integer call() {
            GalleryStats stats;
            try (PluginRuntime runtime = runtimeOptions.start(); Gallery gallery = galleryOptions.openForReading(runtime)) {
                stats = gallery.stats();
            }
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("gallery", galleryOptions.gallery.toString());
                d.put("entries", stats.entries());
                d.put("identities", stats.identities());
                d.put("model", stats.space().model());
                d.put("version", stats.space().version());
                d.put("dimension", stats.space().dimension());
                d.put("bytes_on_disk", stats.bytesOnDisk());
                d.put("store", stats.store());
                d.put("created_by", stats.createdBy());
                out.println(Json.writePretty(d));
            } else {
                Table table = new Table("GALLERY", "ENTRIES", "IDENTITIES", "SPACE", "ON DISK", "STORE");
                table.row(galleryOptions.gallery, stats.entries(), stats.identities(), stats.space().describe(),
                        String.format(Locale.ROOT, "%.1f MB", stats.bytesOnDisk() / 1e6), stats.store());
                out.print(table.render());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code gallery list}: every entry, by identity. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every entry of a gallery, by identity.")
    public static final class ListEntries extends PluginCommand {

        @Mixin
        GalleryOptions galleryOptions;

        @Override
        public Integer call() {
            List<GalleryEntry> entries = new ArrayList<>();
            try (PluginRuntime runtime = runtimeOptions.start(); Gallery gallery = galleryOptions.openForReading(runtime)) {
                gallery.forEach(entries::add);
            }
            entries.sort(Comparator.comparing(GalleryEntry::identity).thenComparing(GalleryEntry::id));
            var out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (GalleryEntry e : entries) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.id());
                    m.put("identity", e.identity());
                    m.put("source", e.source());
                    m.put("box", e.region() == null ? null : new double[] {e.region().x(), e.region().y(),
                            e.region().width(), e.region().height()});
                    list.add(m);
                }
                out.println(Json.write(Map.of("entries", list)));
            } else {
                Table table = new Table("IDENTITY", "ID", "SOURCE");
                entries.forEach(e -> table.row(e.identity(), e.id(), e.source()));
                out.print(table.render());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code gallery remove}: an identity's entries, or one entry. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove every entry of --name NAME, or the entry --id ID, from a gallery.")
    public static final class Remove extends PluginCommand {

        @Mixin
        GalleryOptions galleryOptions;

        @Option(names = "--name", paramLabel = "NAME", description = "Remove every entry of this identity.")
        String name;

        @Option(names = "--id", paramLabel = "ID", description = "Remove this entry.")
        String id;

        @Override
        public Integer call() {
            if ((name == null) == (id == null)) {
                throw new BadInputException("Give --name NAME or --id ID to remove (one of them)");
            }
            long removed;
            long total;
            try (PluginRuntime runtime = runtimeOptions.start();
                 Gallery existing = galleryOptions.openForReading(runtime)) {
                try (Gallery gallery = galleryOptions.openForWriting(runtime, existing.space())) {
                    removed = name != null ? gallery.removeIdentity(name) : gallery.removeId(id) ? 1 : 0;
                    total = gallery.commit();
                }
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(Map.of("removed", removed, "entries", total)));
            } else {
                out.println("removed " + removed + (removed == 1 ? " entry" : " entries") + "; committed " + total);
            }
            out.flush();
            if (removed == 0) {
                spec.commandLine().getErr().println("note: no entry " + (name != null ? "of identity '" + name + "'"
                        : "'" + id + "'") + " in " + galleryOptions.gallery);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }
}
