<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Errors</name>
    <message>
        <source>something it needs does not exist</source>
        <translation>etwas Benötigtes existiert nicht</translation>
    </message>
    <message>
        <source>damaged data was found</source>
        <translation>beschädigte Daten wurden gefunden</translation>
    </message>
    <message>
        <source>the system refused a file operation</source>
        <translation>das System hat einen Dateizugriff verweigert</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>another process is using it</source>
        <translation>ein anderer Prozess verwendet es</translation>
    </message>
    <message>
        <source>it was cancelled</source>
        <translation>der Vorgang wurde abgebrochen</translation>
    </message>
    <message>
        <source>the input is not what was expected</source>
        <translation>die Eingabe entspricht nicht dem Erwarteten</translation>
    </message>
    <message>
        <source>%1 failed: %2.
%3</source>
        <translation>%1 fehlgeschlagen: %2.
%3</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>PartitionText</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>Primärkopie</translation>
    </message>
    <message>
        <source>shadow</source>
        <translation>Schattenkopie</translation>
    </message>
    <message>
        <source>final</source>
        <translation>Abschlusskopie</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>[%1, %2)</source>
        <translation>[%1, %2)</translation>
    </message>
    <message>
        <source>split</source>
        <translation>Teilung</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Zusammenführung</translation>
    </message>
    <message>
        <source>create</source>
        <translation>Neuanlage</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>Löschung</translation>
    </message>
    <message>
        <source>−%1</source>
        <translation>−%1</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>predictive</source>
        <translation>predictive</translation>
    </message>
    <message>
        <source>shadow all</source>
        <translation>shadow all</translation>
    </message>
    <message>
        <source>stop the world</source>
        <translation>stop the world</translation>
    </message>
    <message>
        <source>naive</source>
        <translation>naive</translation>
    </message>
</context>
<context>
    <name>Predictions</name>
    <message>
        <source>Pages in file order; confidence is the read rate of each block of pages.</source>
        <translation>Seiten in Dateireihenfolge; die Konfidenz ist die Leserate des jeweiligen Seitenblocks.</translation>
    </message>
    <message>
        <source>The pages the last sessions kept in cache, like pg_prewarm or InnoDB&apos;s buffer pool dump.</source>
        <translation>Die Seiten, die die letzten Sitzungen im Cache hielten, wie bei pg_prewarm oder dem Buffer-Pool-Dump von InnoDB.</translation>
    </message>
    <message>
        <source>The pages most sessions read early.</source>
        <translation>Die Seiten, die die meisten Sitzungen früh lesen.</translation>
    </message>
    <message>
        <source>Follows the order in which sessions read pages (a Markov chain over page reads).</source>
        <translation>Folgt der Reihenfolge, in der Sitzungen Seiten lesen (eine Markow-Kette über Lesezugriffe auf Seiten).</translation>
    </message>
    <message>
        <source>A learned model over page features (frequency, recency, page type, read order), calibrated.</source>
        <translation>Ein gelerntes, kalibriertes Modell über Seitenmerkmale (Häufigkeit, Aktualität, Seitentyp, Lesereihenfolge).</translation>
    </message>
    <message>
        <source>table interior</source>
        <translation>Tabellenknoten</translation>
    </message>
    <message>
        <source>table leaf</source>
        <translation>Tabellenblatt</translation>
    </message>
    <message>
        <source>index interior</source>
        <translation>Indexknoten</translation>
    </message>
    <message>
        <source>index leaf</source>
        <translation>Indexblatt</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>Überlauf</translation>
    </message>
    <message>
        <source>free page</source>
        <translation>Freilistenseite</translation>
    </message>
    <message>
        <source>pointer map</source>
        <translation>Pointer-Map</translation>
    </message>
    <message>
        <source>lock-byte page</source>
        <translation>Lock-Byte-Seite</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Page %1 (%2) of %3
Confidence of a read within the horizon: %4</source>
        <translation>Seite %1 (%2) von %3
Konfidenz eines Lesezugriffs innerhalb des Horizonts: %4</translation>
    </message>
    <message>
        <source>Expected first read: not expected</source>
        <translation>Erwarteter erster Lesezugriff: nicht erwartet</translation>
    </message>
    <message>
        <source>Expected first read: read number %1</source>
        <translation>Erwarteter erster Lesezugriff: Lesezugriff Nr. %1</translation>
    </message>
    <message>
        <source>Within the budget: the top pages that coverage and precision measure.</source>
        <translation>Innerhalb des Budgets: die obersten Seiten, an denen Abdeckung und Präzision gemessen werden.</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Table or index</source>
        <translation>Tabelle/Index</translation>
    </message>
    <message>
        <source>Page type</source>
        <translation>Seitentyp</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>Kumuliert</translation>
    </message>
    <message>
        <source>First read</source>
        <translation>Erster Lesezugriff</translation>
    </message>
    <message>
        <source>Position in the restore order (1 = fetched first)</source>
        <translation>Position in der Wiederherstellungsreihenfolge (1 = zuerst geladen)</translation>
    </message>
    <message>
        <source>Page number in the database file</source>
        <translation>Seitennummer in der Datenbankdatei</translation>
    </message>
    <message>
        <source>Predicted probability that the page is read within the horizon (the first reads after the restored database opens)</source>
        <translation>Vorhergesagte Wahrscheinlichkeit, dass die Seite innerhalb des Horizonts gelesen wird (die ersten Lesezugriffe nach dem Öffnen der wiederhergestellten Datenbank)</translation>
    </message>
    <message>
        <source>Share of the expected early page reads covered by restoring every page up to this rank</source>
        <translation>Anteil der erwarteten frühen Lesezugriffe auf Seiten, der durch das Wiederherstellen aller Seiten bis zu diesem Rang abgedeckt wird</translation>
    </message>
    <message>
        <source>Expected position of the page&apos;s first read (1 = the very first read)</source>
        <translation>Erwartete Position des ersten Lesezugriffs auf die Seite (1 = der allererste Lesezugriff)</translation>
    </message>
    <message>
        <source>(no table or index)</source>
        <translation>(keine Tabelle, kein Index)</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Free-list, pointer-map and other pages that belong to no table or index</source>
        <translation>Freilisten-, Pointer-Map- und andere Seiten, die zu keiner Tabelle und keinem Index gehören</translation>
    </message>
    <message>
        <source>Index %1: %2 pages ranked, %3 within the budget; highest confidence %4</source>
        <translation>Index %1: %2 Seiten in der Rangfolge, %3 innerhalb des Budgets; höchste Konfidenz %4</translation>
    </message>
    <message>
        <source>Table %1: %2 pages ranked, %3 within the budget; highest confidence %4</source>
        <translation>Tabelle %1: %2 Seiten in der Rangfolge, %3 innerhalb des Budgets; höchste Konfidenz %4</translation>
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
        <source>In budget</source>
        <translation>Im Budget</translation>
    </message>
    <message>
        <source>Mean confidence</source>
        <translation>Mittl. Konfidenz</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Höchste</translation>
    </message>
    <message>
        <source>Expected reads</source>
        <translation>Erw. Lesezugriffe</translation>
    </message>
    <message>
        <source>Best rank</source>
        <translation>Bester Rang</translation>
    </message>
    <message>
        <source>Pages of this object in the ranking</source>
        <translation>Seiten dieses Objekts in der Rangfolge</translation>
    </message>
    <message>
        <source>Pages of this object within the budget: the top pages that coverage and precision measure</source>
        <translation>Seiten dieses Objekts innerhalb des Budgets: die obersten Seiten, an denen Abdeckung und Präzision gemessen werden</translation>
    </message>
    <message>
        <source>Mean predicted probability that a page of this object is read early</source>
        <translation>Mittlere vorhergesagte Wahrscheinlichkeit, dass eine Seite dieses Objekts früh gelesen wird</translation>
    </message>
    <message>
        <source>Highest confidence of a page of this object</source>
        <translation>Höchste Konfidenz einer Seite dieses Objekts</translation>
    </message>
    <message>
        <source>Expected number of this object&apos;s pages read within the horizon (sum of the confidences)</source>
        <translation>Erwartete Anzahl der Seiten dieses Objekts, die innerhalb des Horizonts gelesen werden (Summe der Konfidenzen)</translation>
    </message>
    <message>
        <source>Rank of this object&apos;s first page in the restore order</source>
        <translation>Rang der ersten Seite dieses Objekts in der Wiederherstellungsreihenfolge</translation>
    </message>
    <message>
        <source>%1 (best)</source>
        <translation>%1 (bestes)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Model %1 (%2, %3), trained %4 on %5 traces</source>
        <translation>Modell %1 (%2, %3), trainiert am %4 mit %5 Traces</translation>
    </message>
    <message>
        <source>Its ranking is shown.</source>
        <translation>Seine Seitenrangfolge wird angezeigt.</translation>
    </message>
    <message>
        <source>Best value of this column.</source>
        <translation>Bester Wert dieser Spalte.</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Abdeckung</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Brier</source>
        <translation>Brier</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Horizont</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Episoden</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Trainingsdauer</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>Trainiert</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Share of the first reads of a held-out session whose page is within the budget (higher is better)</source>
        <translation>Anteil der ersten Lesezugriffe einer zurückgehaltenen Testsitzung, deren Seite innerhalb des Budgets liegt (höher ist besser)</translation>
    </message>
    <message>
        <source>Share of the pages within the budget that a held-out session read early (higher is better)</source>
        <translation>Anteil der Seiten innerhalb des Budgets, die eine zurückgehaltene Testsitzung früh gelesen hat (höher ist besser)</translation>
    </message>
    <message>
        <source>Mean squared error of the confidences: 0 is perfect, lower is better</source>
        <translation>Mittlerer quadratischer Fehler der Konfidenzen: 0 ist perfekt, niedriger ist besser</translation>
    </message>
    <message>
        <source>The top pages coverage and precision are measured on, as a share of the database&apos;s pages</source>
        <translation>Die obersten Seiten, an denen Abdeckung und Präzision gemessen werden, als Anteil an den Seiten der Datenbank</translation>
    </message>
    <message>
        <source>Number of first reads the prediction covers</source>
        <translation>Anzahl der ersten Lesezugriffe, die die Vorhersage abdeckt</translation>
    </message>
    <message>
        <source>Sessions used for training / held out for testing (the latest)</source>
        <translation>Sitzungen zum Trainieren / zum Testen zurückgehalten (die neuesten)</translation>
    </message>
    <message>
        <source>Time the evaluation&apos;s training took</source>
        <translation>Dauer des Trainierens bei der Bewertung</translation>
    </message>
    <message>
        <source>%1, confidence %2 to %3
%4 page predictions, mean confidence %5
read early: %6</source>
        <translation>%1, Konfidenz %2 bis %3
%4 Seitenvorhersagen, mittlere Konfidenz %5
früh gelesen: %6</translation>
    </message>
    <message>
        <source>Reliability: predicted confidence against observed reads</source>
        <translation>Kalibrierung: vorhergesagte Konfidenz gegenüber beobachteten Lesezugriffen</translation>
    </message>
    <message>
        <source>Predicted confidence</source>
        <translation>Vorhergesagte Konfidenz</translation>
    </message>
    <message>
        <source>Observed share read early</source>
        <translation>Beobachteter Anteil früh gelesen</translation>
    </message>
    <message>
        <source>Perfect calibration</source>
        <translation>Perfekte Kalibrierung</translation>
    </message>
    <message>
        <source>%1 bins</source>
        <translation>%1 (Intervalle)</translation>
    </message>
</context>
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
        <source>best model</source>
        <translation>bestes Modell</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Time to first query</source>
        <translation>Zeit bis zur ersten Abfrage</translation>
    </message>
    <message>
        <source>Time to 90 % hits</source>
        <translation>Zeit bis 90 % Treffer</translation>
    </message>
    <message>
        <source>Coverage (held-out)</source>
        <translation>Abdeckung (Testsitzungen)</translation>
    </message>
    <message>
        <source>Precision (held-out)</source>
        <translation>Präzision (Testsitzungen)</translation>
    </message>
    <message>
        <source>Precision observed in restores</source>
        <translation>Präzision in Wiederherstellungen</translation>
    </message>
    <message>
        <source>Database size: %1</source>
        <translation>Datenbankgröße: %1</translation>
    </message>
    <message>
        <source>New data stored (right axis)</source>
        <translation>Neu gespeicherte Daten (rechte Achse)</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>split</source>
        <translation>Teilung</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Zusammenführung</translation>
    </message>
    <message>
        <source>create</source>
        <translation>Neuanlage</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>Stillstand</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>In this report</source>
        <translation>In diesem Bericht</translation>
    </message>
    <message>
        <source>No snapshots</source>
        <translation>Keine Snapshots</translation>
    </message>
    <message>
        <source>1 snapshot (%1), %2 stored</source>
        <translation>1 Snapshot (%1), %2 gespeichert</translation>
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
        <source>%1 snapshots (%2 full, %3 incremental), %4 stored for %5 of data</source>
        <translation>%1 Snapshots (%2 vollständig, %3 inkrementell), %4 gespeichert für %5 Daten</translation>
    </message>
    <message>
        <source>Backup history</source>
        <translation>Sicherungsverlauf</translation>
    </message>
    <message>
        <source>No restores</source>
        <translation>Keine Wiederherstellungen</translation>
    </message>
    <message>
        <source>1 restore (%1 complete, %2 failed)</source>
        <translation>1 Wiederherstellung (%1 abgeschlossen, %2 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>%1 restores (%2 complete, %3 failed)</source>
        <translation>%1 Wiederherstellungen (%2 abgeschlossen, %3 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>median time to first query %1, median time to 90 % hits %2</source>
        <translation>Median der Zeit bis zur ersten Abfrage %1, Median der Zeit bis 90 % Treffer %2</translation>
    </message>
    <message>
        <source>Restore runs</source>
        <translation>Wiederherstellungsläufe</translation>
    </message>
    <message>
        <source>No trained models</source>
        <translation>Keine trainierten Modelle</translation>
    </message>
    <message>
        <source>1 trained model</source>
        <translation>1 trainiertes Modell</translation>
    </message>
    <message>
        <source>%1 trained models</source>
        <translation>%1 trainierte Modelle</translation>
    </message>
    <message>
        <source>best held-out coverage of the current models: %1 (%2)</source>
        <translation>beste Abdeckung der aktuellen Modelle auf Testsitzungen: %1 (%2)</translation>
    </message>
    <message>
        <source>Prediction accuracy</source>
        <translation>Vorhersagegenauigkeit</translation>
    </message>
    <message>
        <source>No partition backups</source>
        <translation>Keine Partitionssicherungen</translation>
    </message>
    <message>
        <source>1 partition backup</source>
        <translation>1 Partitionssicherung</translation>
    </message>
    <message>
        <source>%1 partition backups</source>
        <translation>%1 Partitionssicherungen</translation>
    </message>
    <message>
        <source>%1 of %2 forecasts came true</source>
        <translation>%1 von %2 Prognosen eingetreten</translation>
    </message>
    <message>
        <source>Partition forecasts</source>
        <translation>Partitionsprognosen</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>Keine Alarme</translation>
    </message>
    <message>
        <source>1 alert (%1 critical, %2 not acknowledged)</source>
        <translation>1 Alarm (%1 kritisch, %2 nicht bestätigt)</translation>
    </message>
    <message>
        <source>%1 alerts (%2 critical, %3 not acknowledged)</source>
        <translation>%1 Alarme (%2 kritisch, %3 nicht bestätigt)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>No snapshots in this period.</source>
        <translation>Keine Snapshots in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Database size at each snapshot and the new data each one added to the repository (compressed).</source>
        <translation>Datenbankgröße bei jedem Snapshot und die neuen Daten, die jeder Snapshot dem Repository hinzugefügt hat (komprimiert).</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>New pages</source>
        <translation>Neue Seiten</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>No restores in this period.</source>
        <translation>Keine Wiederherstellungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Recovery time: the time to first query is how long after the start the restored database answered its first query; the warm-up ends at the time to 90 % hits, when nine reads in ten were served without waiting for the repository.</source>
        <translation>Wiederherstellungszeit: Die Zeit bis zur ersten Abfrage gibt an, wie lange nach dem Start die wiederhergestellte Datenbank ihre erste Abfrage beantwortet hat; die Aufwärmphase endet mit der Zeit bis 90 % Treffer, wenn neun von zehn Lesezugriffen ohne Warten auf das Repository bedient wurden.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No trained models or measured restores in this period.</source>
        <translation>Keine trainierten Modelle oder gemessenen Wiederherstellungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Coverage: share of a fresh start&apos;s first reads that the model predicted. Precision: share of the predicted pages that were read. Brier score: error of the stated confidences (0 is perfect). Models are measured on held-out sessions when trained; restores measure precision on the real workload.</source>
        <translation>Abdeckung: Anteil der ersten Lesezugriffe eines Neustarts, die das Modell vorhergesagt hat. Präzision: Anteil der vorhergesagten Seiten, die gelesen wurden. Brier-Score: Fehler der angegebenen Konfidenzen (0 ist perfekt). Modelle werden beim Trainieren an zurückgehaltenen Testsitzungen gemessen; Wiederherstellungen messen die Präzision an der realen Arbeitslast.</translation>
    </message>
    <message>
        <source>Measured by</source>
        <translation>Gemessen durch</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Abdeckung</translation>
    </message>
    <message>
        <source>Brier score</source>
        <translation>Brier</translation>
    </message>
    <message>
        <source>Training (model %1)</source>
        <translation>Trainieren (Modell %1)</translation>
    </message>
    <message>
        <source>Restore run %1</source>
        <translation>Wiederherstellungslauf %1</translation>
    </message>
    <message>
        <source>No partition-set backups in this period.</source>
        <translation>Keine Sicherungen von Partitionssätzen in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Splits, merges and creations forecast during each partition-set backup, and whether they happened within the backup; a shadow copy is kept when its forecast came true.</source>
        <translation>Teilungen, Zusammenführungen und Neuanlagen, die während jeder Sicherung eines Partitionssatzes prognostiziert wurden, und ob sie innerhalb der Sicherung eingetreten sind; eine Schattenkopie wird behalten, wenn ihre Prognose eingetreten ist.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Partition set</source>
        <translation>Partitionssatz</translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation>Prognosen</translation>
    </message>
    <message>
        <source>Map changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Shadows kept</source>
        <translation>Behaltene Schattenkopien</translation>
    </message>
    <message>
        <source>%1 of %2 came true</source>
        <translation>%1 von %2 eingetreten</translation>
    </message>
    <message>
        <source>%1 (%2 unpredicted)</source>
        <translation>%1 (%2 nicht prognostiziert)</translation>
    </message>
    <message>
        <source>No forecasts were made.</source>
        <translation>Es wurden keine Prognosen erstellt.</translation>
    </message>
    <message>
        <source>Forecast at</source>
        <translation>Prognostiziert</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Came true</source>
        <translation>Eingetreten</translation>
    </message>
    <message>
        <source>Off by</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Shadow</source>
        <translation>Schattenkopie</translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <source>split at %1</source>
        <translation>Teilung bei %1</translation>
    </message>
    <message>
        <source>%1 early</source>
        <translation>%1 zu früh</translation>
    </message>
    <message>
        <source>%1 late</source>
        <translation>%1 zu spät</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>No alerts in this period.</source>
        <translation>Keine Alarme in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Restore run</source>
        <translation>Wiederherstellungslauf</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Prescient report</source>
        <translation>Prescient-Bericht</translation>
    </message>
    <message>
        <source>Records since %1</source>
        <translation>Einträge seit %1</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Alle Einträge</translation>
    </message>
    <message>
        <source>Repository: %1</source>
        <translation>Repository: %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
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
    <name>prescient::ui::AlertNotifier</name>
    <message>
        <source>Prescient: restore alerts</source>
        <translation>Prescient: Wiederherstellungsalarme</translation>
    </message>
</context>
<context>
    <name>prescient::ui::AlertTableModel</name>
    <message>
        <source>Hit rate too low</source>
        <translation>Trefferquote zu niedrig</translation>
    </message>
    <message>
        <source>Prediction precision too low</source>
        <translation>Vorhersagepräzision zu niedrig</translation>
    </message>
    <message>
        <source>Restore stalled</source>
        <translation>Wiederherstellung stockt</translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation>Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>a percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Restored file</source>
        <translation>Wiederhergestellte Datei</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>prescient::ui::AlertsView</name>
    <message>
        <source>&amp;Unacknowledged only</source>
        <translation>Nur &amp;unbestätigte</translation>
    </message>
    <message>
        <source>Hide the alerts someone has acknowledged</source>
        <translation>Bereits bestätigte Alarme ausblenden</translation>
    </message>
    <message>
        <source>&amp;Thresholds…</source>
        <translation>&amp;Schwellenwerte…</translation>
    </message>
    <message>
        <source>Change the limits that raise an alert during a restore</source>
        <translation>Die Schwellenwerte ändern, die während einer Wiederherstellung einen Alarm auslösen</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Mark the selected alerts as seen and handled</source>
        <translation>Die ausgewählten Alarme als gesehen und erledigt markieren</translation>
    </message>
    <message>
        <source>Acknowledge a&amp;ll</source>
        <translation>&amp;Alle bestätigen</translation>
    </message>
    <message>
        <source>Mark every unacknowledged alert as seen and handled</source>
        <translation>Alle unbestätigten Alarme als gesehen und erledigt markieren</translation>
    </message>
    <message>
        <source>Reading the alerts</source>
        <translation>Lesen der Alarme</translation>
    </message>
    <message>
        <source>Critical restore alert: %1</source>
        <translation>Kritischer Wiederherstellungsalarm: %1</translation>
    </message>
    <message>
        <source>Restore alert: %1</source>
        <translation>Wiederherstellungsalarm: %1</translation>
    </message>
    <message>
        <source>Restoring snapshot %1 to %2 failed its final verification.</source>
        <translation>Die Wiederherstellung von Snapshot %1 nach %2 hat die abschließende Prüfung nicht bestanden.</translation>
    </message>
    <message>
        <source>Restoring snapshot %1 to %2: %3 against a limit of %4.</source>
        <translation>Wiederherstellung von Snapshot %1 nach %2: %3 bei einem Schwellenwert von %4.</translation>
    </message>
    <message>
        <source>Acknowledging the alert</source>
        <translation>Bestätigen des Alarms</translation>
    </message>
    <message>
        <source>Acknowledging %1 alerts</source>
        <translation>Bestätigen von %1 Alarmen</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>Kein Repository geöffnet</translation>
    </message>
    <message>
        <source>Loading the alerts…</source>
        <translation>Alarme werden geladen…</translation>
    </message>
    <message>
        <source>No alerts: every restore stayed within its limits.</source>
        <translation>Keine Alarme: Alle Wiederherstellungen blieben innerhalb ihrer Schwellenwerte.</translation>
    </message>
    <message>
        <source>1 alert, acknowledged</source>
        <translation>1 Alarm, bestätigt</translation>
    </message>
    <message>
        <source>%1 alerts, all acknowledged</source>
        <translation>%1 Alarme, alle bestätigt</translation>
    </message>
    <message>
        <source>1 alert, not acknowledged</source>
        <translation>1 Alarm, nicht bestätigt</translation>
    </message>
    <message>
        <source>%1 alerts, 1 not acknowledged</source>
        <translation>%1 Alarme, 1 nicht bestätigt</translation>
    </message>
    <message>
        <source>%1 alerts, %2 not acknowledged</source>
        <translation>%1 Alarme, %2 nicht bestätigt</translation>
    </message>
    <message>
        <source>1 acknowledged alert hidden</source>
        <translation>1 bestätigter Alarm ausgeblendet</translation>
    </message>
    <message>
        <source>%1 acknowledged alerts hidden</source>
        <translation>%1 bestätigte Alarme ausgeblendet</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 vom %2</translation>
    </message>
    <message>
        <source>%1 (%2) of %3</source>
        <translation>%1 (%2) vom %3</translation>
    </message>
    <message>
        <source>While the restored database was being read, only %1 of its page reads were served without waiting for a fetch from the repository, below the limit of %2, for longer than allowed.</source>
        <translation>Während die wiederhergestellte Datenbank gelesen wurde, wurden länger als zulässig nur %1 ihrer Seitenlesezugriffe ohne Warten auf einen Abruf aus dem Repository bedient – unter dem Schwellenwert von %2.</translation>
    </message>
    <message>
        <source>The prefetch order did not match what the application read. Train the prediction models on recent traces, choose a better strategy when restoring, or raise the rate limit.</source>
        <translation>Die Prefetch-Reihenfolge passte nicht zu dem, was die Anwendung gelesen hat. Trainieren Sie die Vorhersagemodelle mit aktuellen Traces, wählen Sie bei der Wiederherstellung eine bessere Strategie oder erhöhen Sie die Hintergrundrate.</translation>
    </message>
    <message>
        <source>Only %1 of the pages the prediction fetched first were read by the application, below the limit of %2.</source>
        <translation>Nur %1 der Seiten, die die Vorhersage zuerst geladen hat, wurden von der Anwendung gelesen – unter dem Schwellenwert von %2.</translation>
    </message>
    <message>
        <source>The model predicted pages this workload does not use. Record a trace of the current workload and train the models again, or restore with another strategy.</source>
        <translation>Das Modell hat Seiten vorhergesagt, die diese Arbeitslast nicht verwendet. Zeichnen Sie einen Trace der aktuellen Arbeitslast auf und trainieren Sie die Modelle erneut, oder stellen Sie mit einer anderen Strategie wieder her.</translation>
    </message>
    <message>
        <source>No page was restored for %1 while pages remained (the limit is %2).</source>
        <translation>%1 lang wurde keine Seite wiederhergestellt, obwohl noch Seiten ausstanden (Schwellenwert: %2).</translation>
    </message>
    <message>
        <source>Check that the repository&apos;s storage is reachable and not overloaded, and that the target&apos;s disk has space.</source>
        <translation>Prüfen Sie, ob der Speicher des Repositorys erreichbar und nicht überlastet ist und ob auf dem Datenträger des Ziels noch Platz frei ist.</translation>
    </message>
    <message>
        <source>The restored file failed its final check against the snapshot&apos;s page hashes or SQLite&apos;s integrity check.</source>
        <translation>Die wiederhergestellte Datei hat die abschließende Prüfung gegen die Seiten-Hashes des Snapshots oder die Integritätsprüfung von SQLite nicht bestanden.</translation>
    </message>
    <message>
        <source>Do not use the restored file. Verify the repository (File ▸ Verify repository) and restore again, from another snapshot if needed.</source>
        <translation>Verwenden Sie die wiederhergestellte Datei nicht. Prüfen Sie das Repository (Datei ▸ Repository prüfen) und stellen Sie erneut wieder her, bei Bedarf aus einem anderen Snapshot.</translation>
    </message>
    <message>
        <source>Value %1, limit %2.</source>
        <translation>Wert %1, Schwellenwert %2.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Value / limit</source>
        <translation>Wert / Schwellenwert</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Restored file</source>
        <translation>Wiederhergestellte Datei</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>#%1 in the restore history</source>
        <translation>#%1 im Wiederherstellungsverlauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Was zu tun ist:</translation>
    </message>
    <message>
        <source>Recorded message:</source>
        <translation>Aufgezeichnete Meldung:</translation>
    </message>
    <message>
        <source>%1 alerts selected.</source>
        <translation>%1 Alarme ausgewählt.</translation>
    </message>
    <message>
        <source>Select an alert to see what happened and what to do.</source>
        <translation>Wählen Sie einen Alarm aus, um zu sehen, was passiert ist und was zu tun ist.</translation>
    </message>
    <message>
        <source>Alerts appear here when a restore crosses one of its limits: a low hit rate, a low prediction precision, a stall, or a failed verification. The limits are set under Thresholds….</source>
        <translation>Alarme erscheinen hier, wenn eine Wiederherstellung einen ihrer Schwellenwerte verletzt: eine niedrige Trefferquote, eine niedrige Vorhersagepräzision, ein Stillstand oder eine fehlgeschlagene Prüfung. Die Schwellenwerte legen Sie unter „Schwellenwerte…“ fest.</translation>
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
    <message>
        <source>Reading the partition backups</source>
        <translation>Lesen der Partitionssicherungen</translation>
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
    <name>prescient::ui::BackupPredictionModel</name>
    <message>
        <source>Made</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>%1 later</source>
        <translation>%1 später</translation>
    </message>
    <message>
        <source>materialized</source>
        <translation>eingetreten</translation>
    </message>
    <message>
        <source>did not happen</source>
        <translation>nicht eingetreten</translation>
    </message>
    <message>
        <source>Event %1 of the set&apos;s log matched this prediction</source>
        <translation>Ereignis %1 im Protokoll des Partitionssatzes entsprach dieser Vorhersage</translation>
    </message>
    <message>
        <source>The change did not happen during the backup&apos;s window</source>
        <translation>Die Änderung ist im Zeitfenster der Sicherung nicht eingetreten</translation>
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
        <source>Open repository</source>
        <translation>Repository öffnen</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Vorhersagen</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Partitionen</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>Alarme (%1)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Predictions</source>
        <translation>&amp;Vorhersagen</translation>
    </message>
    <message>
        <source>P&amp;artitions</source>
        <translation>&amp;Partitionen</translation>
    </message>
    <message>
        <source>A&amp;lerts</source>
        <translation>A&amp;larme</translation>
    </message>
    <message>
        <source>R&amp;eport</source>
        <translation>&amp;Bericht</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionBackupModel</name>
    <message>
        <source>Primary / shadow / final copies</source>
        <translation>Primär-/Schatten-/Abschlusskopien</translation>
    </message>
    <message>
        <source>Predictions that materialized, of those made</source>
        <translation>Eingetretene Vorhersagen von allen erstellten</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopien</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>Vorhersagen</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Backup %1 of %2</source>
        <translation>Sicherung %1 von %2</translation>
    </message>
    <message>
        <source>%1 primary, %2 shadow and %3 final copies; %4 of the shadow copies were kept for the restore, the others discarded</source>
        <translation>%1 Primär-, %2 Schatten- und %3 Abschlusskopien; %4 der Schattenkopien wurden für die Wiederherstellung behalten, die übrigen verworfen</translation>
    </message>
    <message>
        <source>%1 of the %2 changes the predictor forecast during the backup materialized</source>
        <translation>%1 der %2 Änderungen, die der Prädiktor während der Sicherung prognostiziert hat, sind eingetreten</translation>
    </message>
    <message>
        <source>Map epoch %1 to %2</source>
        <translation>Epoche %1 bis %2 der Partitionszuordnung</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionCopyModel</name>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Key range</source>
        <translation>Schlüsselbereich</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>materialized, kept</source>
        <translation>eingetreten, behalten</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>used by the restore</source>
        <translation>für Wiederherstellung verwendet</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>überholt</translation>
    </message>
    <message>
        <source>The predicted change happened: the restore takes this partition from the shadow copy</source>
        <translation>Die vorhergesagte Änderung ist eingetreten: Die Wiederherstellung übernimmt diese Partition aus der Schattenkopie</translation>
    </message>
    <message>
        <source>The predicted change did not happen (or a later copy is valid): the shadow copy was deleted</source>
        <translation>Die vorhergesagte Änderung ist nicht eingetreten (oder eine spätere Kopie ist gültig): Die Schattenkopie wurde gelöscht</translation>
    </message>
    <message>
        <source>Taken at the end for a change nobody predicted</source>
        <translation>Am Ende für eine nicht vorhergesagte Änderung erstellt</translation>
    </message>
    <message>
        <source>The restore takes this partition from this copy</source>
        <translation>Die Wiederherstellung übernimmt diese Partition aus dieser Kopie</translation>
    </message>
    <message>
        <source>The partition changed after this copy: the restore takes a later one</source>
        <translation>Die Partition hat sich nach dieser Kopie geändert: Die Wiederherstellung übernimmt eine spätere</translation>
    </message>
    <message>
        <source>Taken for prediction %1</source>
        <translation>Für Vorhersage %1 erstellt</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionForecastModel</name>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>The probability that the change happens within the forecast horizon</source>
        <translation>Die Wahrscheinlichkeit, dass die Änderung innerhalb des Prognosehorizonts eintritt</translation>
    </message>
    <message>
        <source>When the change is expected, should it happen within the horizon</source>
        <translation>Wann die Änderung erwartet wird, falls sie innerhalb des Horizonts eintritt</translation>
    </message>
    <message>
        <source>Split: the predicted split key. Merge: the boundary that goes away. Create: where the new partition starts (at or above).</source>
        <translation>Teilung: der vorhergesagte Teilungsschlüssel. Zusammenführung: die wegfallende Grenze. Neuanlage: wo die neue Partition beginnt (bei oder oberhalb).</translation>
    </message>
    <message>
        <source>due</source>
        <translation>fällig</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 (%2 after the last write)</source>
        <translation>%1 (%2 nach dem letzten Schreibzugriff)</translation>
    </message>
    <message>
        <source>Partition %1 is expected to outgrow the split threshold and split at its median key</source>
        <translation>Partition %1 wird voraussichtlich den Teilungsschwellenwert überschreiten und an ihrem Median-Schlüssel geteilt</translation>
    </message>
    <message>
        <source>Partitions %1 and %2 are expected to shrink below the merge threshold and merge</source>
        <translation>Die Partitionen %1 und %2 werden voraussichtlich unter den Zusammenführungsschwellenwert schrumpfen und zusammengeführt</translation>
    </message>
    <message>
        <source>The highest key is expected to come close to the top boundary, so a new partition is created above partition %1</source>
        <translation>Der höchste Schlüssel nähert sich voraussichtlich der oberen Grenze, daher wird oberhalb von Partition %1 eine neue Partition angelegt</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionMapModel</name>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Key range</source>
        <translation>Schlüsselbereich</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Writes/s</source>
        <translation>Schreibrate</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Keys %1 (%2)</source>
        <translation>Schlüssel %1 (%2)</translation>
    </message>
    <message>
        <source>Keys %1</source>
        <translation>Schlüssel %1</translation>
    </message>
    <message>
        <source>%1 of the %2 rows at which maintenance splits a partition</source>
        <translation>%1 der %2 Zeilen, ab denen die Wartung eine Partition teilt</translation>
    </message>
    <message>
        <source>Inserts, updates and deletes per second over the last 10 s of activity (or since the partition was created)</source>
        <translation>Einfügungen, Aktualisierungen und Löschungen pro Sekunde in den letzten 10 s Aktivität (oder seit Anlage der Partition)</translation>
    </message>
    <message>
        <source>%1
created %2</source>
        <translation>%1
angelegt %2</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionSizeChart</name>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>±2σ</source>
        <translation>±2σ</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Select a partition</source>
        <translation>Wählen Sie eine Partition aus</translation>
    </message>
    <message>
        <source>No history of partition %1</source>
        <translation>Kein Verlauf für Partition %1</translation>
    </message>
    <message>
        <source>Rows of partition %1 over time</source>
        <translation>Zeilen von Partition %1 im Zeitverlauf</translation>
    </message>
    <message>
        <source>trend %1 rows/s</source>
        <translation>Trend %1 Zeilen/s</translation>
    </message>
    <message>
        <source>too little history since its last change for a trend</source>
        <translation>seit der letzten Änderung zu wenig Verlauf für einen Trend</translation>
    </message>
    <message>
        <source>Split at %1</source>
        <translation>Teilung bei %1</translation>
    </message>
    <message>
        <source>Merge below %1</source>
        <translation>Zusammenführung unter %1</translation>
    </message>
    <message>
        <source>Predicted %1</source>
        <translation>Vorhergesagt: %1</translation>
    </message>
    <message>
        <source>%1 %2 %, expected in %3</source>
        <translation>%1 %2 %, erwartet in %3</translation>
    </message>
    <message>
        <source>Rows of partition %1 over time (%2)</source>
        <translation>Zeilen von Partition %1 im Zeitverlauf (%2)</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PartitionsView</name>
    <message>
        <source>The Change Prediction Engine forecasts splits, merges and creations every half second; partitions about to change are copied ahead (shadow copies) and the copy rate adapts. Maintenance is never blocked.</source>
        <translation>Die Change Prediction Engine prognostiziert jede halbe Sekunde Teilungen, Zusammenführungen und Neuanlagen; Partitionen, die sich bald ändern, werden vorab kopiert (Schattenkopien), und die Kopierrate passt sich an. Die Wartung wird nie blockiert.</translation>
    </message>
    <message>
        <source>Every partition is shadow-copied at the start, and the successors of every change; no prediction. Correct, at the cost of staging space and copying.</source>
        <translation>Zu Beginn wird von jeder Partition eine Schattenkopie erstellt, ebenso von den Nachfolgern jeder Änderung; keine Vorhersage. Korrekt, auf Kosten von Zwischenspeicherplatz und Kopieraufwand.</translation>
    </message>
    <message>
        <source>Map changes are held off for the whole backup (writes go on, maintenance waits). When another process has the set open, it takes the set&apos;s write lock and fails if it cannot.</source>
        <translation>Änderungen der Partitionszuordnung werden während der gesamten Sicherung zurückgehalten (Schreibzugriffe laufen weiter, die Wartung wartet). Hat ein anderer Prozess den Partitionssatz geöffnet, übernimmt die Sicherung dessen Schreibsperre und schlägt fehl, wenn das nicht möglich ist.</translation>
    </message>
    <message>
        <source>Walks the map as it goes, with no shadow copies and no reconciliation. For comparison only: when partitions change during the backup, its restore loses or duplicates rows.</source>
        <translation>Durchläuft die Partitionszuordnung fortlaufend, ohne Schattenkopien und ohne Abgleich. Nur zum Vergleich: Ändern sich Partitionen während der Sicherung, verliert oder verdoppelt ihre Wiederherstellung Zeilen.</translation>
    </message>
    <message>
        <source>Open a repository to see its partition backups, or open a partition set.</source>
        <translation>Öffnen Sie ein Repository, um seine Partitionssicherungen zu sehen, oder öffnen Sie einen Partitionssatz.</translation>
    </message>
    <message>
        <source>&amp;Open partition set…</source>
        <translation>Partitionssatz &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open a partition set: a folder with partmap.db and one database file per partition</source>
        <translation>Einen Partitionssatz öffnen: ein Ordner mit partmap.db und einer Datenbankdatei pro Partition</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How far ahead the forecast looks</source>
        <translation>Wie weit die Prognose in die Zukunft reicht</translation>
    </message>
    <message>
        <source>&amp;Horizon:</source>
        <translation>&amp;Horizont:</translation>
    </message>
    <message>
        <source>&amp;Forecast</source>
        <translation>&amp;Prognostizieren</translation>
    </message>
    <message>
        <source>Read the set again and run the Change Prediction Engine on its recent history (learned predictor)</source>
        <translation>Den Partitionssatz neu einlesen und die Change Prediction Engine auf seinen jüngsten Verlauf anwenden (gelernter Prädiktor)</translation>
    </message>
    <message>
        <source>S&amp;trategy:</source>
        <translation>S&amp;trategie:</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>Jetzt &amp;sichern…</translation>
    </message>
    <message>
        <source>Back up the partition set into the open repository while it keeps changing</source>
        <translation>Den Partitionssatz im laufenden Betrieb in das geöffnete Repository sichern</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>Partitionssatz:</translation>
    </message>
    <message>
        <source>Partition map</source>
        <translation>Partitionszuordnung</translation>
    </message>
    <message>
        <source>Predicted changes</source>
        <translation>Vorhergesagte Änderungen</translation>
    </message>
    <message>
        <source>Partition backups</source>
        <translation>Partitionssicherungen</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopien</translation>
    </message>
    <message>
        <source>Predictions during the backup</source>
        <translation>Vorhersagen während der Sicherung</translation>
    </message>
    <message>
        <source>Adaptive rate</source>
        <translation>Adaptive Rate</translation>
    </message>
    <message>
        <source>Open partition set…</source>
        <translation>Partitionssatz öffnen…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Open a repository first</source>
        <translation>Öffnen Sie zuerst ein Repository</translation>
    </message>
    <message>
        <source>Open partition set</source>
        <translation>Partitionssatz öffnen</translation>
    </message>
    <message>
        <source>Reading the set…</source>
        <translation>Partitionssatz wird gelesen…</translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation>Prognose wird erstellt…</translation>
    </message>
    <message>
        <source>Reading the partition set %1</source>
        <translation>Lesen des Partitionssatzes %1</translation>
    </message>
    <message numerus="yes">
        <source>table %1 by %2 · epoch %3 · %n partition(s) · %4 rows · %5 · %6 writes/s</source>
        <translation>
            <numerusform>Tabelle %1 nach %2 · Epoche %3 · %n Partition · %4 Zeilen · %5 · %6 Schreibvorgänge/s</numerusform>
            <numerusform>Tabelle %1 nach %2 · Epoche %3 · %n Partitionen · %4 Zeilen · %5 · %6 Schreibvorgänge/s</numerusform>
        </translation>
    </message>
    <message>
        <source>Forecasting the set&apos;s changes</source>
        <translation>Prognostizieren der Änderungen des Partitionssatzes</translation>
    </message>
    <message>
        <source>Learned predictor, next %1.</source>
        <translation>Gelernter Prädiktor, nächste %1.</translation>
    </message>
    <message>
        <source>Linear extrapolation, next %1: too little history to train the learned predictor.</source>
        <translation>Lineare Extrapolation, nächste %1: zu wenig Verlauf, um den gelernten Prädiktor zu trainieren.</translation>
    </message>
    <message>
        <source>The set has not been written since %1: the forecast is as of then.</source>
        <translation>In den Partitionssatz wurde seit %1 nicht geschrieben: Die Prognose bezieht sich auf diesen Zeitpunkt.</translation>
    </message>
    <message>
        <source>No change is likely within the horizon.</source>
        <translation>Innerhalb des Horizonts ist keine Änderung wahrscheinlich.</translation>
    </message>
    <message>
        <source>Reading the partition backups</source>
        <translation>Lesen der Partitionssicherungen</translation>
    </message>
    <message>
        <source>The repository holds no partition backup. Open a partition set to see its map and forecast, and back it up from here.</source>
        <translation>Das Repository enthält keine Partitionssicherung. Öffnen Sie einen Partitionssatz, um seine Zuordnung und Prognose zu sehen, und sichern Sie ihn von hier aus.</translation>
    </message>
    <message>
        <source>The partition sets of this repository&apos;s backups are not on this computer. Open a partition set to see its map and forecast.</source>
        <translation>Die Partitionssätze der Sicherungen dieses Repositorys befinden sich nicht auf diesem Computer. Öffnen Sie einen Partitionssatz, um seine Zuordnung und Prognose zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) of this set</source>
        <translation>
            <numerusform>%n Sicherung dieses Partitionssatzes</numerusform>
            <numerusform>%n Sicherungen dieses Partitionssatzes</numerusform>
        </translation>
    </message>
    <message>
        <source>none of this set yet</source>
        <translation>noch keine dieses Partitionssatzes</translation>
    </message>
    <message>
        <source>Predictions (%1)</source>
        <translation>Vorhersagen (%1)</translation>
    </message>
    <message>
        <source>Copies (%1)</source>
        <translation>Kopien (%1)</translation>
    </message>
    <message>
        <source>Backing up %1 (%2)…</source>
        <translation>%1 wird gesichert (%2)…</translation>
    </message>
    <message>
        <source>Partition backup</source>
        <translation>Partitionssicherung</translation>
    </message>
    <message>
        <source>Backing up the partition set %1 (%2)…</source>
        <translation>Partitionssatz %1 wird gesichert (%2)…</translation>
    </message>
    <message>
        <source>The partition backup was cancelled; nothing was kept.</source>
        <translation>Die Partitionssicherung wurde abgebrochen; es wurde nichts behalten.</translation>
    </message>
    <message>
        <source>Backing up the partition set</source>
        <translation>Sichern des Partitionssatzes</translation>
    </message>
    <message numerus="yes">
        <source>Backup %1 complete: %n partition(s) in %2, %3 of %4 shadow copies kept.</source>
        <translation>
            <numerusform>Sicherung %1 abgeschlossen: %n Partition in %2, %3 von %4 Schattenkopien behalten.</numerusform>
            <numerusform>Sicherung %1 abgeschlossen: %n Partitionen in %2, %3 von %4 Schattenkopien behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 predicted changes materialized.</source>
        <translation>%1 von %2 vorhergesagten Änderungen sind eingetreten.</translation>
    </message>
    <message>
        <source>Copying partitions…</source>
        <translation>Partitionen werden kopiert…</translation>
    </message>
    <message>
        <source>Reconciling the changes made during the backup…</source>
        <translation>Die während der Sicherung vorgenommenen Änderungen werden abgeglichen…</translation>
    </message>
    <message>
        <source>Storing the shadow copies the restore needs…</source>
        <translation>Die für die Wiederherstellung benötigten Schattenkopien werden gespeichert…</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PredictionsView</name>
    <message>
        <source>The snapshot whose pages are ranked</source>
        <translation>Der Snapshot, dessen Seiten in eine Rangfolge gebracht werden</translation>
    </message>
    <message>
        <source>S&amp;napshot:</source>
        <translation>S&amp;napshot:</translation>
    </message>
    <message>
        <source>The stored model that ranks the pages</source>
        <translation>Das gespeicherte Modell, das die Seitenrangfolge bildet</translation>
    </message>
    <message>
        <source>S&amp;trategy:</source>
        <translation>S&amp;trategie:</translation>
    </message>
    <message>
        <source>&amp;Train models…</source>
        <translation>&amp;Modelle trainieren…</translation>
    </message>
    <message>
        <source>Evaluate and train every prediction strategy on the stored traces of the snapshot&apos;s source database</source>
        <translation>Alle Vorhersagestrategien mit den gespeicherten Traces der Quelldatenbank des Snapshots bewerten und trainieren</translation>
    </message>
    <message>
        <source>Points on the diagonal are perfectly calibrated: of the pages predicted at 30%, 30% were read early. Markers of the shown strategy grow with the number of predictions in their bin; hover over a point for its figures.</source>
        <translation>Punkte auf der Diagonale sind perfekt kalibriert: Von den mit 30% vorhergesagten Seiten wurden 30% früh gelesen. Die Markierungen der angezeigten Strategie wachsen mit der Anzahl der Vorhersagen in ihrem Intervall; zeigen Sie mit der Maus auf einen Punkt, um seine Werte zu sehen.</translation>
    </message>
    <message>
        <source>Train models now</source>
        <translation>Modelle jetzt trainieren</translation>
    </message>
    <message>
        <source>No repository is open.

Open one with File ▸ Open repository, or open the demo repository to see predictions for a sample shop database.</source>
        <translation>Es ist kein Repository geöffnet.

Öffnen Sie eines mit Datei ▸ Repository öffnen, oder öffnen Sie das Demo-Repository, um Vorhersagen für eine Beispiel-Shop-Datenbank zu sehen.</translation>
    </message>
    <message>
        <source>The repository %1 holds no snapshot yet.

Back up a database first (File ▸ Back up now); its predictions show here once a model is trained on its recorded traces.</source>
        <translation>Das Repository %1 enthält noch keinen Snapshot.

Sichern Sie zuerst eine Datenbank (Datei ▸ Jetzt sichern); ihre Vorhersagen erscheinen hier, sobald ein Modell mit ihren aufgezeichneten Traces trainiert wurde.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Best stored model</source>
        <translation>Bestes gespeichertes Modell</translation>
    </message>
    <message>
        <source>Best stored model (%1)</source>
        <translation>Bestes gespeichertes Modell (%1)</translation>
    </message>
    <message>
        <source>&amp;Retrain models…</source>
        <translation>&amp;Modelle neu trainieren…</translation>
    </message>
    <message>
        <source>No prediction model is stored for %1 yet.

Prescient learns which pages a restored database reads first from recorded page-access traces (record one with &apos;prescient trace record --repo DIR --source DB -- COMMAND&apos; while your application runs). Once the repository holds traces, train the models: every strategy is evaluated on held-out sessions and stored with its scores.</source>
        <translation>Für %1 ist noch kein Vorhersagemodell gespeichert.

Prescient lernt aus aufgezeichneten Seitenzugriffs-Traces, welche Seiten eine wiederhergestellte Datenbank zuerst liest (zeichnen Sie einen Trace mit „prescient trace record --repo DIR --source DB -- COMMAND“ auf, während Ihre Anwendung läuft). Sobald das Repository Traces enthält, trainieren Sie die Modelle: Jede Strategie wird an zurückgehaltenen Testsitzungen bewertet und mit ihren Ergebnissen gespeichert.</translation>
    </message>
    <message>
        <source>trained %1</source>
        <translation>trainiert am %1</translation>
    </message>
    <message>
        <source>trained on the earliest %1 sessions, tested on the latest %2</source>
        <translation>trainiert mit den ersten %1 Sitzungen, getestet mit den letzten %2</translation>
    </message>
    <message>
        <source>budget: the top %1 of the pages</source>
        <translation>Budget: die obersten %1 der Seiten</translation>
    </message>
    <message>
        <source>early: within the first %1 reads</source>
        <translation>früh: innerhalb der ersten %1 Lesezugriffe</translation>
    </message>
    <message>
        <source>&lt;b&gt;Strategies&lt;/b&gt; — held-out scores stored at training time. Bold: the best of each column.</source>
        <translation>&lt;b&gt;Strategien&lt;/b&gt; — beim Trainieren gespeicherte Ergebnisse auf Testsitzungen. Fett: der beste Wert jeder Spalte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Strategies&lt;/b&gt; — held-out scores stored at training time (%1). Bold: the best of each column.</source>
        <translation>&lt;b&gt;Strategien&lt;/b&gt; — beim Trainieren gespeicherte Ergebnisse auf Testsitzungen (%1). Fett: der beste Wert jeder Spalte.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>&lt;b&gt;Predicted first reads&lt;/b&gt; — ranking the pages of the snapshot…</source>
        <translation>&lt;b&gt;Vorhergesagte erste Lesezugriffe&lt;/b&gt; — Seitenrangfolge des Snapshots wird berechnet…</translation>
    </message>
    <message>
        <source>No stored model can rank this snapshot.

%1</source>
        <translation>Kein gespeichertes Modell kann eine Seitenrangfolge für diesen Snapshot bilden.

%1</translation>
    </message>
    <message>
        <source>Ranking the pages of the snapshot</source>
        <translation>Berechnen der Seitenrangfolge des Snapshots</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predicted first reads&lt;/b&gt; — none</source>
        <translation>&lt;b&gt;Vorhergesagte erste Lesezugriffe&lt;/b&gt; — keine</translation>
    </message>
    <message>
        <source>%1 (the best stored model)</source>
        <translation>%1 (das beste gespeicherte Modell)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predicted first reads&lt;/b&gt; by %1: %2 of %3 pages predicted, about %4 of them read early. Tinted: the top %5 (%6 pages), within the budget.</source>
        <translation>&lt;b&gt;Vorhergesagte erste Lesezugriffe&lt;/b&gt; von %1: %2 von %3 Seiten vorhergesagt, davon etwa %4 früh gelesen. Hinterlegt: die obersten %5 (%6 Seiten) innerhalb des Budgets.</translation>
    </message>
    <message>
        <source>An instant restore fetches the predicted pages first, in this order, then streams the rest. Early means within the first %1 reads after the restored database opens.</source>
        <translation>Eine Sofortwiederherstellung lädt zuerst die vorhergesagten Seiten in dieser Reihenfolge und überträgt dann den Rest. „Früh“ bedeutet innerhalb der ersten %1 Lesezugriffe nach dem Öffnen der wiederhergestellten Datenbank.</translation>
    </message>
    <message>
        <source>An instant restore fetches the predicted pages first, in this order, then streams the rest.</source>
        <translation>Eine Sofortwiederherstellung lädt zuerst die vorhergesagten Seiten in dieser Reihenfolge und überträgt dann den Rest.</translation>
    </message>
    <message>
        <source>Measuring the calibration of every strategy on held-out sessions…</source>
        <translation>Die Kalibrierung aller Strategien wird an zurückgehaltenen Testsitzungen gemessen…</translation>
    </message>
    <message>
        <source>Measuring the calibration</source>
        <translation>Messen der Kalibrierung</translation>
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
        <source>Trained %1 models on 1 session; best: %2.</source>
        <translation>%1 Modelle mit 1 Sitzung trainiert; bestes: %2.</translation>
    </message>
    <message>
        <source>Trained %1 models on %2 sessions; best: %3.</source>
        <translation>%1 Modelle mit %2 Sitzungen trainiert; bestes: %3.</translation>
    </message>
    <message>
        <source>Evaluating every strategy on held-out sessions…</source>
        <translation>Alle Strategien werden an zurückgehaltenen Testsitzungen bewertet…</translation>
    </message>
    <message>
        <source>Trained and stored %1 of %2 models…</source>
        <translation>%1 von %2 Modellen trainiert und gespeichert…</translation>
    </message>
</context>
<context>
    <name>prescient::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> %</source>
        <comment>suffix of a percentage in a spin box</comment>
        <translation> %</translation>
    </message>
    <message>
        <source> s</source>
        <comment>suffix of seconds in a spin box</comment>
        <translation> s</translation>
    </message>
    <message>
        <source>Share of page reads served without waiting for a fetch (tiers 1 and 2)</source>
        <translation>Anteil der Seitenlesezugriffe, die ohne Warten auf einen Abruf bedient werden (Stufen 1 und 2)</translation>
    </message>
    <message>
        <source>How long the hit rate must stay below the limit while the database is read</source>
        <translation>Wie lange die Trefferquote beim Lesen der Datenbank unter dem Schwellenwert bleiben muss</translation>
    </message>
    <message>
        <source>Share of the predicted pages that the application actually read</source>
        <translation>Anteil der vorhergesagten Seiten, die die Anwendung tatsächlich gelesen hat</translation>
    </message>
    <message>
        <source>How long a restore may go without restoring a page while pages remain</source>
        <translation>Wie lange eine Wiederherstellung keine Seite wiederherstellen darf, solange noch Seiten ausstehen</translation>
    </message>
    <message>
        <source>for at &amp;least</source>
        <translation>für &amp;mindestens</translation>
    </message>
    <message>
        <source>Restore alerts</source>
        <translation>Wiederherstellungsalarme</translation>
    </message>
    <message>
        <source>A restore raises an alert when it crosses one of these limits. Alerts are kept in the repository and listed under Alerts. New limits apply to the restores started afterwards.</source>
        <translation>Eine Wiederherstellung löst einen Alarm aus, wenn sie einen dieser Schwellenwerte verletzt. Alarme werden im Repository gespeichert und unter „Alarme“ aufgeführt. Neue Schwellenwerte gelten für danach gestartete Wiederherstellungen.</translation>
    </message>
    <message>
        <source>Minimum &amp;hit rate:</source>
        <translation>Minimale &amp;Trefferquote:</translation>
    </message>
    <message>
        <source>Reads that had to wait for a page from the repository lower the hit rate. Checked while the restored database is being read.</source>
        <translation>Lesezugriffe, die auf eine Seite aus dem Repository warten mussten, senken die Trefferquote. Wird geprüft, während die wiederhergestellte Datenbank gelesen wird.</translation>
    </message>
    <message>
        <source>Minimum prediction &amp;precision:</source>
        <translation>Minimale Vorhersage&amp;präzision:</translation>
    </message>
    <message>
        <source>Checked when the restore ends, if the application read at least %1 pages.</source>
        <translation>Wird am Ende der Wiederherstellung geprüft, sofern die Anwendung mindestens %1 Seiten gelesen hat.</translation>
    </message>
    <message>
        <source>Stalled &amp;after:</source>
        <translation>&amp;Stillstand nach:</translation>
    </message>
    <message>
        <source>No page restored for this long while pages remain.</source>
        <translation>So lange keine Seite wiederhergestellt, obwohl noch Seiten ausstehen.</translation>
    </message>
    <message>
        <source>A failed verification at the end of a restore always raises a critical alert.</source>
        <translation>Eine fehlgeschlagene Prüfung am Ende einer Wiederherstellung löst immer einen kritischen Alarm aus.</translation>
    </message>
    <message>
        <source>Show a &amp;notification when a new alert fires while Prescient is in the background</source>
        <translation>Eine Benachrichtigung &amp;anzeigen, wenn ein neuer Alarm ausgelöst wird, während Prescient im Hintergrund läuft</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>A message from the system tray, or the taskbar entry asking for attention where there is no tray.</source>
        <translation>Eine Meldung im Infobereich der Taskleiste oder, wo es keinen Infobereich gibt, ein hervorgehobener Taskleisteneintrag.</translation>
    </message>
    <message>
        <source>Put the default thresholds into the fields</source>
        <translation>Die Standard-Schwellenwerte in die Felder eintragen</translation>
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
    <name>prescient::ui::RateChart</name>
    <message>
        <source>Rate limit of the primary copy</source>
        <translation>Ratenbegrenzung der Primärkopie</translation>
    </message>
    <message>
        <source>Decisions (hover for the reason)</source>
        <translation>Entscheidungen (Begründung per Mauszeiger)</translation>
    </message>
    <message>
        <source>seconds since the backup started</source>
        <translation>Sekunden seit Beginn der Sicherung</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>%1: %2 → %3 MB/s
%4</source>
        <translation>%1: %2 → %3 MB/s
%4</translation>
    </message>
    <message>
        <source>Adaptive rate</source>
        <translation>Adaptive Rate</translation>
    </message>
    <message>
        <source>No rate decisions: the backup ran without a rate limit or without the adaptive module</source>
        <translation>Keine Ratenentscheidungen: Die Sicherung lief ohne Ratenbegrenzung oder ohne das adaptive Modul</translation>
    </message>
    <message>
        <source>Adaptive rate of backup %1</source>
        <translation>Adaptive Rate der Sicherung %1</translation>
    </message>
</context>
<context>
    <name>prescient::ui::ReportView</name>
    <message>
        <source>All records</source>
        <translation>Alle Einträge</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>Letzte 365 Tage</translation>
    </message>
    <message>
        <source>Report only the records of this period</source>
        <translation>Nur die Einträge dieses Zeitraums in den Bericht aufnehmen</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Read the repository again</source>
        <translation>Das Repository erneut lesen</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>&amp;PDF exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;HTML…</source>
        <translation>&amp;HTML exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>&amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>The report with its charts as a PDF document (A4)</source>
        <translation>Der Bericht mit seinen Diagrammen als PDF-Dokument (A4)</translation>
    </message>
    <message>
        <source>The report with its charts as a web page</source>
        <translation>Der Bericht mit seinen Diagrammen als Webseite</translation>
    </message>
    <message>
        <source>Every record as one CSV table for a spreadsheet; the first column names the section</source>
        <translation>Alle Einträge als eine CSV-Tabelle für eine Tabellenkalkulation; die erste Spalte nennt den Abschnitt</translation>
    </message>
    <message>
        <source>Every record as JSON</source>
        <translation>Alle Einträge als JSON</translation>
    </message>
    <message>
        <source>Open a repository to see its report.</source>
        <translation>Öffnen Sie ein Repository, um seinen Bericht zu sehen.</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>Kein Repository geöffnet</translation>
    </message>
    <message>
        <source>Reading the repository…</source>
        <translation>Repository wird gelesen…</translation>
    </message>
    <message>
        <source>Reading the report</source>
        <translation>Lesen des Berichts</translation>
    </message>
    <message>
        <source>The report could not be read</source>
        <translation>Der Bericht konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert um %1</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Export the report as HTML</source>
        <translation>Bericht als HTML exportieren</translation>
    </message>
    <message>
        <source>Web pages (*.html *.htm)</source>
        <translation>Webseiten (*.html *.htm)</translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation>Bericht als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV-Tabellen (*.csv)</translation>
    </message>
    <message>
        <source>Export the report as JSON</source>
        <translation>Bericht als JSON exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Open a repository first.</source>
        <translation>Öffnen Sie zuerst ein Repository.</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>Bericht gespeichert unter %1</translation>
    </message>
    <message>
        <source>Exporting the report to %1</source>
        <translation>Exportieren des Berichts nach %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
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
    <message>
        <source>Restore</source>
        <comment>group title</comment>
        <translation>Wiederherstellung</translation>
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
    <message>
        <source>All databases</source>
        <translation>Alle Datenbanken</translation>
    </message>
    <message>
        <source>Partition set %1</source>
        <translation>Partitionssatz %1</translation>
    </message>
    <message>
        <source>The partition copies taken by the partition backups of %1</source>
        <translation>Die von den Partitionssicherungen von %1 erstellten Partitionskopien</translation>
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
