<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&lt; 1 ms</source>
        <translation>&lt; 1 ms</translation>
    </message>
    <message>
        <source>≈ %1 ms</source>
        <translation>≈ %1 ms</translation>
    </message>
    <message>
        <source>≈ %1 s</source>
        <translation>≈ %1 s</translation>
    </message>
    <message>
        <source>≈ %1 min</source>
        <translation>≈ %1 min</translation>
    </message>
    <message>
        <source>≈ %1 h</source>
        <translation>≈ %1 h</translation>
    </message>
    <message>
        <source>coverage unknown</source>
        <translation>Abdeckung unbekannt</translation>
    </message>
    <message>
        <source>coverage %1%</source>
        <translation>Abdeckung %1%</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>best model</source>
        <translation>bestes Modell</translation>
    </message>
</context>
<context>
    <name>Translation</name>
    <message>
        <source>No translation for the language %1; using English.</source>
        <translation>Keine Übersetzung für die Sprache %1 vorhanden; Englisch wird verwendet.</translation>
    </message>
</context>
<context>
    <name>prescient::ui::AppContext</name>
    <message>
        <source>Reading the trained models</source>
        <translation>Lesen der trainierten Modelle</translation>
    </message>
    <message>
        <source>Reading the restore history</source>
        <translation>Lesen des Wiederherstellungsverlaufs</translation>
    </message>
    <message>
        <source>Opening the repository %1</source>
        <translation>Öffnen des Repositorys %1</translation>
    </message>
    <message>
        <source>Reading the repository</source>
        <translation>Lesen des Repositorys</translation>
    </message>
    <message>
        <source>Internal error: %1</source>
        <translation>Interner Fehler: %1</translation>
    </message>
</context>
<context>
    <name>prescient::ui::BackupDialog</name>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Takes a consistent snapshot of a live SQLite database into the repository. Applications keep reading and writing it meanwhile.</source>
        <translation>Erstellt einen konsistenten Snapshot einer laufenden SQLite-Datenbank im Repository. Anwendungen können währenddessen weiter lesen und schreiben.</translation>
    </message>
    <message>
        <source>Path of the SQLite database to back up</source>
        <translation>Pfad der zu sichernden SQLite-Datenbank</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Optional, for example before-migration</source>
        <translation>Optional, zum Beispiel before-migration</translation>
    </message>
    <message>
        <source> MB/s</source>
        <translation> MB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Limits how fast the source is read, to spare a busy server. 0 means unlimited.</source>
        <translation>Begrenzt, wie schnell die Quelle gelesen wird, um einen ausgelasteten Server zu schonen. 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repository:</translation>
    </message>
    <message>
        <source>&amp;Source database:</source>
        <translation>&amp;Quelldatenbank:</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>Max. &amp;Leserate:</translation>
    </message>
    <message>
        <source>&amp;Start backup</source>
        <translation>Sicherung &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Cancel backup</source>
        <translation>Sicherung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>keines geöffnet</translation>
    </message>
    <message>
        <source>Open or create a repository first.</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Repository.</translation>
    </message>
    <message>
        <source>Choose the database to back up</source>
        <translation>Zu sichernde Datenbank auswählen</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3 *.db3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the database to back up.</source>
        <translation>Wählen Sie die zu sichernde Datenbank aus.</translation>
    </message>
    <message>
        <source>Opening the repository…</source>
        <translation>Repository wird geöffnet…</translation>
    </message>
    <message>
        <source>Snapshot %1 committed.</source>
        <translation>Snapshot %1 festgeschrieben.</translation>
    </message>
    <message>
        <source>The backup was cancelled. The repository is unchanged.</source>
        <translation>Die Sicherung wurde abgebrochen. Das Repository ist unverändert.</translation>
    </message>
    <message>
        <source>The repository is locked: another process is writing to it (for example a backup started elsewhere). Try again when it has finished.
%1</source>
        <translation>Das Repository ist gesperrt: Ein anderer Prozess schreibt gerade hinein (zum Beispiel eine anderswo gestartete Sicherung). Versuchen Sie es erneut, wenn dieser fertig ist.
%1</translation>
    </message>
    <message>
        <source>Opening the repository for writing</source>
        <translation>Öffnen des Repositorys zum Schreiben</translation>
    </message>
    <message>
        <source>Backing up %1</source>
        <translation>Sichern von %1</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, noch etwa %1 s</translation>
    </message>
    <message>
        <source>, about %1 min left</source>
        <translation>, noch etwa %1 min</translation>
    </message>
    <message>
        <source>Copying pages: %1 of %2 (%3)</source>
        <translation>Seiten werden kopiert: %1 von %2 (%3)</translation>
    </message>
    <message>
        <source>Copying pages: %1</source>
        <translation>Seiten werden kopiert: %1</translation>
    </message>
    <message>
        <source>Writing the packs and committing the snapshot…</source>
        <translation>Packs werden geschrieben und der Snapshot wird festgeschrieben…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>prescient::ui::MainWindow</name>
    <message>
        <source>Prescient</source>
        <translation>Prescient</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Restores</source>
        <translation>Wiederherstellungen</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>Kein Repository geöffnet</translation>
    </message>
    <message>
        <source>Prescient — %1</source>
        <translation>Prescient — %1</translation>
    </message>
    <message>
        <source>Restore complete and verified.</source>
        <translation>Wiederherstellung abgeschlossen und geprüft.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open repository…</source>
        <translation>Repository &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open the &amp;demo repository</source>
        <translation>&amp;Demo-Repository öffnen</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>Jetzt &amp;sichern…</translation>
    </message>
    <message>
        <source>&amp;Verify repository</source>
        <translation>Repository &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Train prediction models</source>
        <translation>Vorhersagemodelle &amp;trainieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Snapshots</source>
        <translation>&amp;Snapshots</translation>
    </message>
    <message>
        <source>&amp;Restores</source>
        <translation>&amp;Wiederherstellungen</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>&amp;Abfrage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Prescient</source>
        <translation>&amp;Über Prescient</translation>
    </message>
    <message>
        <source>About Prescient</source>
        <translation>Über Prescient</translation>
    </message>
    <message>
        <source>Prescient %1
Predictive backup and instant restore for SQLite databases.</source>
        <translation>Prescient %1
Vorausschauende Sicherung und sofortige Wiederherstellung für SQLite-Datenbanken.</translation>
    </message>
    <message>
        <source>%1 — 1 snapshot</source>
        <translation>%1 — 1 Snapshot</translation>
    </message>
    <message>
        <source>%1 — %2 snapshots</source>
        <translation>%1 — %2 Snapshots</translation>
    </message>
    <message>
        <source>Empty repository</source>
        <translation>Leeres Repository</translation>
    </message>
    <message>
        <source>The repository %1 holds no snapshot yet.

Open the demo repository instead? It holds a sample shop database with a week of snapshots and trained prediction models, so you can try a one-click instant restore.</source>
        <translation>Das Repository %1 enthält noch keinen Snapshot.

Stattdessen das Demo-Repository öffnen? Es enthält eine Beispiel-Shop-Datenbank mit Snapshots einer Woche und trainierten Vorhersagemodellen, sodass Sie eine Sofortwiederherstellung mit einem Klick ausprobieren können.</translation>
    </message>
    <message>
        <source>Building the demo repository (a shop database, a week of snapshots, trained models)…</source>
        <translation>Das Demo-Repository wird erstellt (eine Shop-Datenbank, Snapshots einer Woche, trainierte Modelle)…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Building the demo repository</source>
        <translation>Erstellen des Demo-Repositorys</translation>
    </message>
    <message>
        <source>Open a repository first (File ▸ Open repository).</source>
        <translation>Öffnen Sie zuerst ein Repository (Datei ▸ Repository öffnen).</translation>
    </message>
    <message>
        <source>Snapshot %1 committed.</source>
        <translation>Snapshot %1 festgeschrieben.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Repository prüfen</translation>
    </message>
    <message>
        <source>Reading every pack and checking every blob…</source>
        <translation>Alle Packs werden gelesen und alle Blobs geprüft…</translation>
    </message>
    <message>
        <source>Verifying the repository</source>
        <translation>Prüfen des Repositorys</translation>
    </message>
    <message>
        <source>The repository is sound: %1 packs, %2 blobs and %3 snapshots checked.</source>
        <translation>Das Repository ist intakt: %1 Packs, %2 Blobs und %3 Snapshots geprüft.</translation>
    </message>
    <message>
        <source>The repository is damaged:</source>
        <translation>Das Repository ist beschädigt:</translation>
    </message>
    <message>
        <source>Open a repository with snapshots first.</source>
        <translation>Öffnen Sie zuerst ein Repository mit Snapshots.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Modelle trainieren</translation>
    </message>
    <message>
        <source>Training every prediction strategy on the traces of %1…</source>
        <translation>Alle Vorhersagestrategien werden mit den Traces von %1 trainiert…</translation>
    </message>
    <message>
        <source>Training the prediction models</source>
        <translation>Trainieren der Vorhersagemodelle</translation>
    </message>
    <message>
        <source>Trained %1 models on %2 episodes; best: %3.</source>
        <translation>%1 Modelle mit %2 Episoden trainiert; bestes: %3.</translation>
    </message>
    <message>
        <source>Open repository</source>
        <translation>Repository öffnen</translation>
    </message>
</context>
<context>
    <name>prescient::ui::QueryConsole</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>statement %1: %2</source>
        <translation>Anweisung %1: %2</translation>
    </message>
    <message>
        <source>The query failed: %1.</source>
        <translation>Die Abfrage ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>Serving a page of the database</source>
        <translation>Bereitstellen einer Seite der Datenbank</translation>
    </message>
    <message>
        <source>The database %1 does not exist.</source>
        <translation>Die Datenbank %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file.</source>
        <translation>%1 ist ein Ordner, keine Datenbankdatei.</translation>
    </message>
    <message>
        <source>Opening %1 failed: %2.</source>
        <translation>Öffnen von %1 fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>There is no SQL statement to run (only comments or blanks).</source>
        <translation>Keine SQL-Anweisung zum Ausführen vorhanden (nur Kommentare oder Leerraum).</translation>
    </message>
    <message>
        <source>The query failed: an unexpected error occurred.</source>
        <translation>Die Abfrage ist fehlgeschlagen: Ein unerwarteter Fehler ist aufgetreten.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>Path of a database, or of a target being restored</source>
        <translation>Pfad einer Datenbank oder eines Ziels, das gerade wiederhergestellt wird</translation>
    </message>
    <message>
        <source>The database to query. Targets marked with a dot are still being restored: they are read through the prescient VFS while their restore runs.</source>
        <translation>Die abzufragende Datenbank. Mit einem Punkt markierte Ziele werden noch wiederhergestellt: Sie werden während ihrer Wiederherstellung über das prescient-VFS gelesen.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#e68a00&apos;&gt;&amp;#9679;&lt;/span&gt; still restoring</source>
        <translation>&lt;span style=&apos;color:#e68a00&apos;&gt;&amp;#9679;&lt;/span&gt; wird noch wiederhergestellt</translation>
    </message>
    <message>
        <source>Queries on this target are served through the prescient VFS while it is restored. When another process restores it, it is read-only until the restore ends.</source>
        <translation>Abfragen an dieses Ziel werden während der Wiederherstellung über das prescient-VFS beantwortet. Stellt ein anderer Prozess es wieder her, ist es bis zum Ende der Wiederherstellung schreibgeschützt.</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>SELECT count(*) FROM sqlite_schema;

Ctrl+Enter runs the query.</source>
        <translation>SELECT count(*) FROM sqlite_schema;

Strg+Eingabe führt die Abfrage aus.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the SQL (Ctrl+Enter). Every statement runs; the last one&apos;s rows are shown.</source>
        <translation>SQL ausführen (Strg+Eingabe). Alle Anweisungen werden ausgeführt; angezeigt werden die Zeilen der letzten.</translation>
    </message>
    <message>
        <source>Choose a database and type SQL; Ctrl+Enter runs it.</source>
        <translation>Wählen Sie eine Datenbank und geben Sie SQL ein; Strg+Eingabe führt es aus.</translation>
    </message>
    <message>
        <source>Still restoring: queries are served through the prescient VFS</source>
        <translation>Wird noch wiederhergestellt: Abfragen werden über das prescient-VFS beantwortet</translation>
    </message>
    <message>
        <source>Choose a database</source>
        <translation>Datenbank auswählen</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3 *.db3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a database to query first.</source>
        <translation>Wählen Sie zuerst eine abzufragende Datenbank aus.</translation>
    </message>
    <message>
        <source>Type an SQL statement first.</source>
        <translation>Geben Sie zuerst eine SQL-Anweisung ein.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <source>Done in %1 ms: 1 row changed</source>
        <translation>Fertig in %1 ms: 1 Zeile geändert</translation>
    </message>
    <message>
        <source>Done in %1 ms: %2 rows changed</source>
        <translation>Fertig in %1 ms: %2 Zeilen geändert</translation>
    </message>
    <message>
        <source>1 row in %1 ms</source>
        <translation>1 Zeile in %1 ms</translation>
    </message>
    <message>
        <source>%1 rows in %2 ms</source>
        <translation>%1 Zeilen in %2 ms</translation>
    </message>
    <message>
        <source>(first %1 rows shown)</source>
        <translation>(die ersten %1 Zeilen angezeigt)</translation>
    </message>
    <message>
        <source>(%1 statements run, the last one&apos;s rows shown)</source>
        <translation>(%1 Anweisungen ausgeführt, Zeilen der letzten angezeigt)</translation>
    </message>
    <message>
        <source>(still restoring: served through the prescient VFS)</source>
        <translation>(wird noch wiederhergestellt: über das prescient-VFS beantwortet)</translation>
    </message>
</context>
<context>
    <name>prescient::ui::RestoreDialog</name>
    <message>
        <source>Restore snapshot</source>
        <translation>Snapshot wiederherstellen</translation>
    </message>
    <message>
        <source>Restore a snapshot with instant access</source>
        <translation>Snapshot mit Sofortzugriff wiederherstellen</translation>
    </message>
    <message>
        <source>The restored database answers queries as soon as it is created, through the prescient VFS (the query console, &lt;code&gt;prescient sql&lt;/code&gt; or the loadable extension). Its pages are restored in the background, most likely reads first, then it is verified and becomes a plain SQLite file.</source>
        <translation>Die wiederhergestellte Datenbank beantwortet Abfragen, sobald sie angelegt ist, über das prescient-VFS (die Abfragekonsole, &lt;code&gt;prescient sql&lt;/code&gt; oder die ladbare Erweiterung). Ihre Seiten werden im Hintergrund wiederhergestellt, die wahrscheinlichsten Lesezugriffe zuerst; danach wird sie geprüft und ist eine gewöhnliche SQLite-Datei.</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>  (today)</source>
        <translation>  (heute)</translation>
    </message>
    <message numerus="yes">
        <source>  (%n day(s) ago)</source>
        <translation>
            <numerusform>  (vor %n Tag)</numerusform>
            <numerusform>  (vor %n Tagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>  (no tag)</source>
        <translation>  (ohne Tag)</translation>
    </message>
    <message>
        <source>  tag &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>  Tag &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Snapshot:</source>
        <translation>Snapshot:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>%1  (%2 pages of %3 bytes, %4 journal)</source>
        <translation>%1  (%2 Seiten à %3 Byte, %4-Journal)</translation>
    </message>
    <message>
        <source>WAL</source>
        <translation>WAL</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Restore to:</source>
        <translation>Wiederherstellen nach:</translation>
    </message>
    <message>
        <source>Prefetch order:</source>
        <translation>Prefetch-Reihenfolge:</translation>
    </message>
    <message>
        <source> MB/s</source>
        <translation> MB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>limits the background restore only, to spare a busy disk; reads of the target are never limited</source>
        <translation>begrenzt nur die Wiederherstellung im Hintergrund, um einen ausgelasteten Datenträger zu schonen; Lesezugriffe auf das Ziel werden nie begrenzt</translation>
    </message>
    <message>
        <source>Background rate:</source>
        <translation>Hintergrundrate:</translation>
    </message>
    <message>
        <source>Time to first query &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;vs&amp;nbsp; full restore &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Zeit bis zur ersten Abfrage &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;gegenüber&amp;nbsp; vollständiger Wiederherstellung &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>An estimate from %n past restore(s) in this repository (time to first query per page).</source>
        <translation>
            <numerusform>Schätzung aus %n früheren Wiederherstellung in diesem Repository (Zeit bis zur ersten Abfrage pro Seite).</numerusform>
            <numerusform>Schätzung aus %n früheren Wiederherstellungen in diesem Repository (Zeit bis zur ersten Abfrage pro Seite).</numerusform>
        </translation>
    </message>
    <message>
        <source>An estimate from the size alone (no past restore in this repository): it assumes ~%1 s of setup per GiB and a full restore at ~%2 MB/s.</source>
        <translation>Schätzung allein aus der Größe (keine frühere Wiederherstellung in diesem Repository): Angenommen werden ~%1 s Vorbereitung pro GiB und eine vollständige Wiederherstellung mit ~%2 MB/s.</translation>
    </message>
    <message>
        <source>Estimate:</source>
        <translation>Schätzung:</translation>
    </message>
    <message>
        <source>Best model (%1, %2)</source>
        <translation>Bestes Modell (%1, %2)</translation>
    </message>
    <message>
        <source>%1 model, %2</source>
        <translation>Modell %1, %2</translation>
    </message>
    <message>
        <source>None (stream in pack order)</source>
        <translation>Keine (Pack-Reihenfolge)</translation>
    </message>
    <message>
        <source>This source has no trained model, so pages stream in pack order and each read of a page not yet restored fetches it on demand. Train one with &lt;code&gt;prescient train --source %1&lt;/code&gt; to restore the likely reads first.</source>
        <translation>Für diese Quelle gibt es kein trainiertes Modell: Die Seiten werden in Pack-Reihenfolge übertragen, und jeder Lesezugriff auf eine noch nicht wiederhergestellte Seite lädt sie bei Bedarf. Trainieren Sie eines mit &lt;code&gt;prescient train --source %1&lt;/code&gt;, damit die wahrscheinlichen Lesezugriffe zuerst wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>The stored models of this source have no evaluation figures: choose one explicitly, or stream in pack order.</source>
        <translation>Die gespeicherten Modelle dieser Quelle haben keine Bewertungskennzahlen: Wählen Sie eines ausdrücklich aus oder übertragen Sie in Pack-Reihenfolge.</translation>
    </message>
    <message>
        <source>No prediction: pages stream in pack order; a read of a page not yet restored fetches it on demand.</source>
        <translation>Keine Vorhersage: Die Seiten werden in Pack-Reihenfolge übertragen; ein Lesezugriff auf eine noch nicht wiederhergestellte Seite lädt sie bei Bedarf.</translation>
    </message>
    <message>
        <source>Pages the model expects to be read first are restored first; any other read fetches its page on demand. Coverage: the share of pages read by held-out sessions that the model predicted.</source>
        <translation>Seiten, die laut Modell zuerst gelesen werden, werden zuerst wiederhergestellt; jeder andere Lesezugriff lädt seine Seite bei Bedarf. Abdeckung: der Anteil der von zurückgehaltenen Testsitzungen gelesenen Seiten, den das Modell vorhergesagt hat.</translation>
    </message>
    <message>
        <source>Choose where to restore the database.</source>
        <translation>Wählen Sie, wohin die Datenbank wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>Enter a full path, for instance %1.</source>
        <translation>Geben Sie einen vollständigen Pfad ein, zum Beispiel %1.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder: add a file name.</source>
        <translation>%1 ist ein Ordner: Ergänzen Sie einen Dateinamen.</translation>
    </message>
    <message>
        <source>This is the source database itself: choose another file.</source>
        <translation>Das ist die Quelldatenbank selbst: Wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>An unfinished restore is at this path: it resumes if it is of this snapshot, otherwise it is replaced.</source>
        <translation>Unter diesem Pfad liegt eine unvollständige Wiederherstellung: Sie wird fortgesetzt, wenn sie von diesem Snapshot stammt, andernfalls wird sie ersetzt.</translation>
    </message>
    <message>
        <source>⚠ %1 exists and will be replaced.</source>
        <translation>⚠ %1 existiert bereits und wird ersetzt.</translation>
    </message>
    <message>
        <source>Restore to</source>
        <translation>Wiederherstellen nach</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>prescient::ui::RestoreManager</name>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Wird wiederhergestellt</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Restoring snapshot %1 to %2</source>
        <translation>Wiederherstellen von Snapshot %1 nach %2</translation>
    </message>
    <message>
        <source>Complete and verified in %1 s: %2 pages match their hashes and PRAGMA integrity_check is ok. %3 is a plain SQLite file now.</source>
        <translation>In %1 s abgeschlossen und geprüft: %2 Seiten stimmen mit ihren Hashes überein, und PRAGMA integrity_check meldet ok. %3 ist jetzt eine gewöhnliche SQLite-Datei.</translation>
    </message>
    <message>
        <source>Cancelled. The restore state %1.prescient is kept: restore the same snapshot to the same file to resume where it stopped.</source>
        <translation>Abgebrochen. Der Wiederherstellungszustand %1.prescient bleibt erhalten: Stellen Sie denselben Snapshot in dieselbe Datei wieder her, um an der Abbruchstelle fortzufahren.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>prescient::ui::RestoreMonitor</name>
    <message>
        <source>&lt;b&gt;Restores&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wiederherstellungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Cancel restore</source>
        <translation>Wiederherstellung abbrechen</translation>
    </message>
    <message>
        <source>Stops the selected restore. Its state file is kept: restoring the same snapshot to the same file resumes it.</source>
        <translation>Hält die ausgewählte Wiederherstellung an. Ihre Zustandsdatei bleibt erhalten: Wird derselbe Snapshot in dieselbe Datei wiederhergestellt, wird sie fortgesetzt.</translation>
    </message>
    <message>
        <source>Time to first query</source>
        <translation>Zeit bis zur ersten Abfrage</translation>
    </message>
    <message>
        <source>Time to 90% hit rate</source>
        <translation>Zeit bis 90% Trefferquote</translation>
    </message>
    <message>
        <source>Hit rate (tiers 1+2)</source>
        <translation>Trefferquote (Stufen 1+2)</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Pages restored:</source>
        <translation>Seiten wiederhergestellt:</translation>
    </message>
    <message>
        <source>Predicted set:</source>
        <translation>Vorhergesagte Seiten:</translation>
    </message>
    <message>
        <source>Reads served by tier</source>
        <translation>Lesezugriffe nach Stufe</translation>
    </message>
    <message>
        <source>Tier 1: prefetch cache</source>
        <translation>Stufe 1: Prefetch-Cache</translation>
    </message>
    <message>
        <source>Tier 2: target file</source>
        <translation>Stufe 2: Zieldatei</translation>
    </message>
    <message>
        <source>Tier 3: fetched on demand (waited)</source>
        <translation>Stufe 3: bei Bedarf geladen (mit Wartezeit)</translation>
    </message>
    <message>
        <source>seconds since the restore started</source>
        <translation>Sekunden seit Beginn der Wiederherstellung</translation>
    </message>
    <message>
        <source>% of reads</source>
        <translation>% der Lesezugriffe</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>Throughput (MB/s)</source>
        <translation>Durchsatz (MB/s)</translation>
    </message>
    <message>
        <source>Pages restored (%)</source>
        <translation>Seiten wiederhergestellt (%)</translation>
    </message>
    <message>
        <source>Predicted set restored (%)</source>
        <translation>Vorhergesagte Seiten wiederhergestellt (%)</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>No restore yet.
Pick a snapshot and click Restore: its progress shows here.</source>
        <translation>Noch keine Wiederherstellung.
Wählen Sie einen Snapshot und klicken Sie auf „Wiederherstellen…“: Der Fortschritt erscheint hier.</translation>
    </message>
    <message>
        <source>Tier 1: prefetch cache  %1</source>
        <translation>Stufe 1: Prefetch-Cache  %1</translation>
    </message>
    <message>
        <source>Tier 2: target file  %1</source>
        <translation>Stufe 2: Zieldatei  %1</translation>
    </message>
    <message>
        <source>Tier 3: fetched on demand  %1</source>
        <translation>Stufe 3: bei Bedarf geladen  %1</translation>
    </message>
    <message>
        <source>Throughput  %1 MB/s</source>
        <translation>Durchsatz  %1 MB/s</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source> (tag %1)</source>
        <translation> (Tag %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Snapshot %2 of %3 · taken %4 · %5 · strategy %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Snapshot %2 von %3 · erstellt %4 · %5 · Strategie %6</translation>
    </message>
    <message>
        <source> · limited to %1 MB/s</source>
        <translation> · begrenzt auf %1 MB/s</translation>
    </message>
    <message>
        <source>with %1% of the pages restored</source>
        <translation>bei %1% wiederhergestellten Seiten</translation>
    </message>
    <message>
        <source>needs ≥ %1 reads in a 1 s window</source>
        <translation>erfordert ≥ %1 Lesezugriffe in einem 1-s-Fenster</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>%1% · %2 of %3 pages</source>
        <translation>%1% · %2 von %3 Seiten</translation>
    </message>
    <message>
        <source>none (pack order)</source>
        <translation>keine (Pack-Reihenfolge)</translation>
    </message>
    <message>
        <source>planning…</source>
        <translation>Planung…</translation>
    </message>
    <message>
        <source>Reads served by tier (share of the reads in each 1 s window)</source>
        <translation>Lesezugriffe nach Stufe (Anteil der Lesezugriffe je 1-s-Fenster)</translation>
    </message>
    <message>
        <source>Reads served by tier: no reads yet (query the target to see them here)</source>
        <translation>Lesezugriffe nach Stufe: noch keine (fragen Sie das Ziel ab, um sie hier zu sehen)</translation>
    </message>
    <message>
        <source>Reads served by tier: the target was not read during the restore</source>
        <translation>Lesezugriffe nach Stufe: Das Ziel wurde während der Wiederherstellung nicht gelesen</translation>
    </message>
    <message>
        <source>Preparing the restore state and the target file…</source>
        <translation>Wiederherstellungszustand und Zieldatei werden vorbereitet…</translation>
    </message>
    <message>
        <source>Cancelling: the workers stop after their current batch.</source>
        <translation>Wird abgebrochen: Die Worker halten nach ihrem aktuellen Stapel an.</translation>
    </message>
    <message>
        <source>The target answers queries now through the prescient VFS (query console, &lt;code&gt;prescient sql&lt;/code&gt;); pages not yet restored are fetched on demand.</source>
        <translation>Das Ziel beantwortet jetzt Abfragen über das prescient-VFS (Abfragekonsole, &lt;code&gt;prescient sql&lt;/code&gt;); noch nicht wiederhergestellte Seiten werden bei Bedarf geladen.</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>✖ %1</source>
        <translation>✖ %1</translation>
    </message>
</context>
<context>
    <name>prescient::ui::SnapshotTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>incremental</source>
        <translation>inkrementell</translation>
    </message>
    <message>
        <source>Snapshot %1</source>
        <translation>Snapshot %1</translation>
    </message>
    <message>
        <source>Taken: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <source>Kind: full (first snapshot of this source)</source>
        <translation>Art: vollständig (erster Snapshot dieser Quelle)</translation>
    </message>
    <message>
        <source>Kind: incremental (after %1)</source>
        <translation>Art: inkrementell (nach %1)</translation>
    </message>
    <message>
        <source>Size: %1 (%2 pages of %3 bytes)</source>
        <translation>Größe: %1 (%2 Seiten à %3 Byte)</translation>
    </message>
    <message>
        <source>New pages: %1 (%2%)</source>
        <translation>Neue Seiten: %1 (%2%)</translation>
    </message>
    <message>
        <source>New data stored: %1 (compressed)</source>
        <translation>Neu gespeicherte Daten: %1 (komprimiert)</translation>
    </message>
    <message>
        <source>Backup took %1</source>
        <translation>Dauer der Sicherung: %1</translation>
    </message>
    <message>
        <source>Journal mode: %1</source>
        <translation>Journalmodus: %1</translation>
    </message>
    <message>
        <source>Local time at which the backup&apos;s read transaction began</source>
        <translation>Ortszeit, zu der die Lesetransaktion der Sicherung begann</translation>
    </message>
    <message>
        <source>Logical size of the database at backup time (page size × page count)</source>
        <translation>Logische Größe der Datenbank zum Sicherungszeitpunkt (Seitengröße × Seitenanzahl)</translation>
    </message>
    <message>
        <source>Compressed bytes this snapshot added to the repository</source>
        <translation>Komprimierte Bytes, die dieser Snapshot dem Repository hinzugefügt hat</translation>
    </message>
    <message>
        <source>Full: the first snapshot of a source. Incremental: only changed pages were stored</source>
        <translation>Vollständig: der erste Snapshot einer Quelle. Inkrementell: nur geänderte Seiten wurden gespeichert</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>New data</source>
        <translation>Neue Daten</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
</context>
<context>
    <name>prescient::ui::SnapshotsView</name>
    <message>
        <source>Show the snapshots of one source database only</source>
        <translation>Nur die Snapshots einer Quelldatenbank anzeigen</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>Jetzt &amp;sichern…</translation>
    </message>
    <message>
        <source>Take a new snapshot of a source database</source>
        <translation>Einen neuen Snapshot einer Quelldatenbank erstellen</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>Restore the selected snapshot to a database file</source>
        <translation>Den ausgewählten Snapshot in eine Datenbankdatei wiederherstellen</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>Kein Repository geöffnet</translation>
    </message>
    <message>
        <source>No snapshots yet</source>
        <translation>Noch keine Snapshots</translation>
    </message>
    <message>
        <source>in the future</source>
        <translation>in der Zukunft</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source>1 snapshot, newest %1 (%2)</source>
        <translation>1 Snapshot, neuester %1 (%2)</translation>
    </message>
    <message>
        <source>%1 snapshots, newest %2 (%3)</source>
        <translation>%1 Snapshots, neuester %2 (%3)</translation>
    </message>
    <message>
        <source>1 gap in the schedule</source>
        <translation>1 Lücke im Zeitplan</translation>
    </message>
    <message>
        <source>%1 gaps in the schedule</source>
        <translation>%1 Lücken im Zeitplan</translation>
    </message>
</context>
<context>
    <name>prescient::ui::TimelineWidget</name>
    <message>
        <source>1 day %1 h</source>
        <translation>1 Tag %1 h</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days %2 h</source>
        <translation>%1 Tage %2 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 snapshots</source>
        <translation>%1 Snapshots</translation>
    </message>
    <message>
        <source>No snapshot of %1 for %2
from %3 to %4</source>
        <translation>%2 ohne Snapshot von %1
von %3 bis %4</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>incremental</source>
        <translation>inkrementell</translation>
    </message>
    <message>
        <source>new pages</source>
        <translation>neue Seiten</translation>
    </message>
    <message>
        <source>No snapshots yet.
Back up a database and its snapshots appear here on a time axis.</source>
        <translation>Noch keine Snapshots.
Sichern Sie eine Datenbank, dann erscheinen ihre Snapshots hier auf einer Zeitachse.</translation>
    </message>
    <message>
        <source>1 snapshot</source>
        <translation>1 Snapshot</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>no snapshot · %1</source>
        <translation>kein Snapshot · %1</translation>
    </message>
    <message>
        <source>no snapshot</source>
        <translation>kein Snapshot</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>Lücke</translation>
    </message>
</context>
</TS>
