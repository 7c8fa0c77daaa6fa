GH = "https://github.com/"
KV = GH + "kreis-viersen/"
E = []

E.append(dict(
 id="xplan-umring", name="XPlan-Umring (QGIS-Plugin)",
 summary="QGIS-Plugin des Kreises Viersen, das aus gezeichneten oder geladenen Umringen teilvektorielle XPlanGML-Dateien für Bebauungs-, Flächennutzungs- und Landschaftspläne erzeugt.",
 action_fields=["geodaten-zwillinge","stadtentwicklung"], tags=["XPlanung","QGIS","Bauleitplanung","Umring"],
 development_status="stable", open_source=True, licence="GPL-2.0-or-later",
 repository=KV+"xplan-umring", provider="Kreis Viersen", origin=["05166"],
 standards=["XPlanung","XPlanGML"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 contact="mailto:open@kreis-viersen.de",
 sources=[KV+"xplan-umring", KV+"xplan-umring/blob/HEAD/README.md", KV+"xplan-umring/blob/HEAD/metadata.txt", KV+"xplan-umring/blob/HEAD/license"],
 body="""
Viele Kommunen haben ihre Bebauungspläne nur als Scan. Für das „Umringszenario“ der XPlanung reicht
es, den Geltungsbereich eines Plans als Vektor zu erfassen und das Rasterbild zu verknüpfen. Genau
dafür ist XPlan-Umring gedacht: Man digitalisiert den Umring in QGIS (oder lädt ihn, etwa mit dem
Flurstücksfinder NRW), füllt in einer Eingabemaske die nötigen Angaben aus und erhält ein
XPlan-Archiv. Werkzeuge gibt es für Bebauungspläne (XPlanung 5.4 und 6.0), Flächennutzungs- und
Landschaftspläne sowie zum Zuschneiden von Rastern und Ersetzen von Geometrien.

Die Pflichtfelder orientieren sich laut README auch an der Nutzung der XPlanBox im Gebiet des
Kommunalen Rechenzentrums Niederrhein (KRZN). Das Plugin liegt im offiziellen QGIS-Verzeichnis
(Version 2.13, Änderungen bis 2026). Die Lizenzdatei ist die GPL Version 2, die Dateiköpfe gestatten
jede spätere Version. Ansprechpartner ist der Kreis Viersen per E-Mail.
"""))

E.append(dict(
 id="flurstuecksfinder-nrw", name="Flurstücksfinder NRW (QGIS-Plugin)",
 summary="QGIS-Plugin des Kreises Viersen zur Suche von Flurstücken in ganz Nordrhein-Westfalen über Gemarkung, Flur und Kennzeichen oder per Klick in die Karte, mit Abruf der Flurstücksinformationen über offene WFS-Dienste.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["Liegenschaftskataster","Flurstück","QGIS","ALKIS","Open Data"],
 development_status="stable", open_source=True, licence="GPL-2.0-or-later",
 repository=KV+"flurstuecksfinder-nrw", provider="Kreis Viersen", origin=["05166"],
 standards=["OGC WFS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 contact="mailto:open@kreis-viersen.de",
 sources=[KV+"flurstuecksfinder-nrw", KV+"flurstuecksfinder-nrw/blob/HEAD/README.md", KV+"flurstuecksfinder-nrw/blob/HEAD/metadata.txt", KV+"flurstuecksfinder-nrw/blob/HEAD/LICENSE"],
 body="""
Der Flurstücksfinder NRW sucht Flurstücke in Nordrhein-Westfalen wahlweise über die Auswahl von
Katasteramtsbezirk, Gemarkung, Flur und Flurstück, über das Flurstückskennzeichen oder die
ALKIS-ID oder durch einen Klick in die Karte. Er zeigt die Flurstücksinformationen an, fügt das
Flurstückspolygon als Layer in QGIS ein und kann die Stelle direkt in den OpenStreetMap-Editoren iD
oder JOSM öffnen. Die Daten stammen aus den offenen WFS-Diensten von Geobasis NRW.

Herausgeber ist der Kreis Viersen; das Plugin steht im offiziellen QGIS-Verzeichnis (Version 1.6,
Änderungen bis 2026) und dient auch als Zulieferer für das Plugin XPlan-Umring. Die Lizenzdatei ist
die GPL Version 2, die Dateiköpfe erlauben jede spätere Version. Für Kommunen außerhalb NRW ist es
nur nutzbar, wenn vergleichbare Dienste angebunden werden.
"""))

E.append(dict(
 id="quattromap", name="QuattroMap",
 summary="Browserbasierte Kartenanwendung des Kreises Viersen, die bis zu vier Karten mit gleichem Ausschnitt nebeneinander zeigt – etwa Luftbild, Kataster und geplante Gebäude – und so vor allem Außendiensttätigkeiten unterstützt.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["Kartenvergleich","Außendienst","WMS","Luftbild","Mobile"],
 development_status="stable", open_source=True, licence="MIT",
 repository=KV+"quattromap", website="https://kreis-viersen.github.io/quattromap/", provider="Kreis Viersen", origin=["05166"],
 standards=["OGC WMS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P3",
 contact="mailto:open@kreis-viersen.de",
 sources=[KV+"quattromap", KV+"quattromap/blob/HEAD/README.md", KV+"quattromap/blob/HEAD/LICENSE"],
 body="""
QuattroMap teilt den Bildschirm in bis zu vier synchron bewegte Kartenfenster. Für jedes Fenster
lassen sich Hintergründe und Überlagerungen wählen, etwa aktuelle und historische Luftbilder von
Geobasis NRW, Liegenschaftskarte, geplante Gebäude, Satellitenbilder oder OpenStreetMap. Dazu kommen
Adresssuche, Standortbestimmung, Vollbild sowie Messwerkzeuge für Strecken und Flächen. Die
Anwendung läuft in modernen Browsern auf Tablet, Smartphone und PC.

Der Kreis Viersen hat QuattroMap entwickelt und bietet nordrhein-westfälischen Verwaltungen an, ihre
WMS-Dienste in die öffentliche Demo einzubinden. Eingebunden sind bereits Dienste des Kommunalen
Rechenzentrums Niederrhein für mehrere Kreise und Städte. Die Anwendung steht unter der MIT-Lizenz
(Änderungen bis 2026). Ob sie im Außendienst des Kreises produktiv genutzt wird, sagen die geöffneten
Quellen nicht ausdrücklich.
"""))

E.append(dict(
 id="geschichte-eines-grundstuecks", name="Die Geschichte eines Grundstücks",
 summary="Browseranwendung des Kreises Viersen, die für einen Punkt in NRW Luftbilder, historische Karten und Katasterinformationen im Zeitverlauf zusammenstellt und als PDF, QGIS-Layerdatei oder Permalink ausgibt.",
 action_fields=["geodaten-zwillinge","bildung-kultur"], tags=["Luftbilder","Historische Karten","Liegenschaftskataster","PDF-Export"],
 development_status="stable", open_source=True, licence="GPL-3.0-or-later",
 repository=KV+"geschichte-eines-grundstuecks", website="https://kreis-viersen.usercontent.opencode.de/geschichte-eines-grundstuecks",
 provider="Kreis Viersen", origin=["05166"],
 used_by_sources=[("05166", KV+"geschichte-eines-grundstuecks/blob/HEAD/README.md")],
 standards=["OGC WMS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 contact="mailto:open@kreis-viersen.de",
 sources=[KV+"geschichte-eines-grundstuecks", KV+"geschichte-eines-grundstuecks/blob/HEAD/README.md",
          KV+"geschichte-eines-grundstuecks/blob/HEAD/LICENSE", KV+"geschichte-eines-grundstuecks/blob/HEAD/package.json"],
 body="""
Wer wissen will, wie sich ein Grundstück über die Jahrzehnte verändert hat, wählt in dieser
Anwendung einen Punkt in Nordrhein-Westfalen aus. Sie stellt dann verfügbare aktuelle und
historische Luftbilder von Geobasis NRW, historische Kartenwerke, Basiskarten und Flurkarten
zusammen. Im einfachen Modus entsteht automatisch ein mehrseitiges PDF im Format A4 quer mit
Maßstabsbalken; im erweiterten Modus lassen sich Themen auswählen und sortieren, als
QGIS-Layerdefinition exportieren oder per Permalink weitergeben. Für Punkte im Kreis Viersen kommen
zusätzliche Karten hinzu.

Der Kreis Viersen stellt die Anwendung selbst öffentlich bereit (gehostet über seine
OpenCoDE-Seiten, Änderungen bis August 2026). Der Code steht laut package.json unter der GPL
Version 3 oder später; die Kartendienste werden zur Laufzeit aus dem Netz geladen, eine Nachnutzung
außerhalb NRW erfordert also eigene Dienste.
"""))

E.append(dict(
 id="fotostandort", name="Fotostandort",
 summary="Browsertool des Kreises Viersen zum Anzeigen, Korrigieren und Setzen von Aufnahmeposition und Blickrichtung in den EXIF-Daten von Fotos – vollständig lokal im Browser, ohne Upload.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["Fotodokumentation","EXIF","Außendienst","Datenschutz"],
 development_status="stable", open_source=True, licence="MIT",
 repository=KV+"fotostandort", publiccode_url=KV+"fotostandort/blob/HEAD/publiccode.yml",
 website="https://kreis-viersen.usercontent.opencode.de/fotostandort", provider="Kreis Viersen – Amt für Kataster und Geoinformation",
 maintenance="internal", origin=["05166"],
 used_by_sources=[("05166", KV+"fotostandort/blob/HEAD/publiccode.yml")],
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4", contact="mailto:open@kreis-viersen.de",
 sources=[KV+"fotostandort", KV+"fotostandort/blob/HEAD/README.md", KV+"fotostandort/blob/HEAD/publiccode.yml", KV+"fotostandort/blob/HEAD/LICENSE"],
 body="""
Fotos aus dem Außendienst – etwa von Baustellen, Schäden oder Schildern – sind nur dann gut
verwertbar, wenn Ort und Blickrichtung stimmen. Fotostandort liest diese Angaben aus den
EXIF-Daten eines Bildes, zeigt die Aufnahmeposition als Marker und die Blickrichtung als Sichtkegel
auf einer Karte und lässt beides per Ziehen und Drehen korrigieren oder neu setzen. Alte und neue
Werte werden gegenübergestellt, das Bild kann anschließend mit den aktualisierten Daten gespeichert
werden. Die Verarbeitung geschieht vollständig im Browser; Bilder werden nicht hochgeladen.

Herausgeber ist das Amt für Kataster und Geoinformation des Kreises Viersen, das die Anwendung laut
publiccode.yml selbst nutzt und pflegt (Status „stable“, Version 1.0.0 vom August 2026). Als
Hintergrund stehen OpenStreetMap und Luftbilder von Geobasis NRW bereit. Lizenz: MIT.
"""))

E.append(dict(
 id="postnas-search", name="PostNAS Suchfunktionen (QGIS-Plugin)",
 summary="QGIS-Plugin des Kreises Unna für eine Volltextsuche nach Flurstücken und Adressen in einer PostNAS-/ALKIS-Datenbank, mit optionaler Zugriffssteuerung.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["ALKIS","PostNAS","QGIS","Liegenschaftskataster"],
 development_status="stable", open_source=True, licence="GPL-2.0-only",
 repository=GH+"Kreis-Unna/PostNAS_Search", provider="Kreis Unna", origin=["05978"],
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P3",
 sources=[GH+"Kreis-Unna/PostNAS_Search", GH+"Kreis-Unna/PostNAS_Search/blob/HEAD/metadata.txt", GH+"Kreis-Unna/PostNAS_Search/blob/HEAD/LICENSE"],
 body="""
Das Plugin bringt eine einfache Suchzeile in QGIS, die wie eine Suchmaschine funktioniert: Man gibt
Teile eines Flurstückskennzeichens oder einer Adresse ein, und das gefundene Flurstück wird in der
Karte hervorgehoben. Grundlage ist eine ALKIS-Datenbank im PostNAS-Schema; das Plugin legt dafür
einen Volltextindex an. Eine optionale Zugriffssteuerung regelt, welche Nutzerinnen und Nutzer
suchen dürfen; die Datenbankverbindung lässt sich über die QGIS-Authentifizierung oder eine
Konfigurationsdatei einrichten.

Entwickelt wurde das Plugin beim Kreis Unna (Version 1.4.0, letzte Änderung 2021, angepasst an
QGIS 3). Das Repository enthält den Text der GPL Version 2 ohne Hinweis auf spätere Versionen. Ob der
Kreis es weiter einsetzt, geht aus den Quellen nicht hervor.
"""))

E.append(dict(
 id="blueotter-krankmelder", name="BlueOtter Krankmelder",
 summary="Webanwendung für strukturierte Krankmeldungen von Beschäftigten in Kommunalverwaltungen – einfache Meldung, Meldung mit AU-Upload oder wegen Kinderbetreuung – mit Verwaltungsoberfläche für Empfänger und Weiterleitungsregeln.",
 action_fields=["verwaltung"], tags=["Personal","Krankmeldung","Workflow","Interne Verwaltung"],
 development_status="beta", open_source=True, licence="MIT",
 repository=GH+"Verbandsgemeinde-Otterbach-Otterberg/blueotter-krankmelder", provider="Verbandsgemeinde Otterbach-Otterberg",
 origin=["073355010"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P2",
 sources=[GH+"Verbandsgemeinde-Otterbach-Otterberg/blueotter-krankmelder",
          GH+"Verbandsgemeinde-Otterbach-Otterberg/blueotter-krankmelder/blob/HEAD/README.md",
          GH+"Verbandsgemeinde-Otterbach-Otterberg/blueotter-krankmelder/blob/HEAD/docs/OPERATIONS.md",
          GH+"Verbandsgemeinde-Otterbach-Otterberg/blueotter-krankmelder/blob/HEAD/LICENSE"],
 body="""
Der Krankmelder digitalisiert einen Alltagsprozess in Verwaltungen: Beschäftigte melden sich über
ein Webformular krank – als einfache Meldung, mit Hochladen der Arbeitsunfähigkeitsbescheinigung
oder wegen der Betreuung eines kranken Kindes. Die Meldung geht per E-Mail an die zuständige Stelle;
in einer Verwaltungsoberfläche werden Arbeitgeber (etwa verschiedene Dienststellen),
Weiterleitungsregeln und Texte gepflegt. Technisch ist es eine Next.js-Anwendung mit SQLite und
SMTP-Versand, die auf einem eigenen Server läuft.

Das Projekt wird vom Digitalbeauftragten der Verbandsgemeinde Otterbach-Otterberg gepflegt und im
GitHub-Konto der Verbandsgemeinde veröffentlicht (Stand April 2026, MIT-Lizenz). Die Dokumentation
beschreibt Betrieb und Sicherheit; einen Nachweis des Produktivbetriebs enthalten die Quellen nicht,
daher ist der Stand als Beta eingeordnet. Schnittstellen zu Personalsystemen sind ausdrücklich nicht
enthalten.
"""))

E.append(dict(
 id="norgis-alkis-import", name="norGIS ALKIS-Import",
 summary="Freies Werkzeug, das ALKIS-Daten im NAS-Format über GDAL/OGR in eine PostgreSQL/PostGIS-Datenbank lädt und die Darstellungsregeln des ALKIS-Signaturkatalogs für QGIS und MapServer aufbereitet.",
 action_fields=["geodaten-zwillinge"], tags=["ALKIS","NAS","PostGIS","Liegenschaftskataster","QGIS"],
 development_status="stable", open_source=True, licence="GPL-2.0-or-later",
 repository=GH+"norBIT/alkisimport", website="https://norbit.de/68/", provider="norBIT GmbH",
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 sources=[GH+"norBIT/alkisimport", GH+"norBIT/alkisimport/blob/HEAD/README.md", GH+"norBIT/alkisimport/blob/HEAD/LICENSE",
          "https://norbit.de/68/", "https://gbd-websuite.de/doc/7.2/books/server-admin/de/config/alkis.html"],
 body="""
Kataster- und Vermessungsämter geben das amtliche Liegenschaftskataster (ALKIS) im NAS-Format ab.
norGIS ALKIS-Import legt dafür ein Datenbankmodell in PostgreSQL/PostGIS an, importiert einzelne
Dateien oder ganze Verzeichnisse über den NAS-Treiber von GDAL/OGR, protokolliert den Vorgang und
bereitet die Daten nach der GeoInfoDok auf. Der Kern ist die Umsetzung der Ableitungsregeln aus dem
ALKIS-Signaturkatalog: Daraus entstehen Tabellen, die sich direkt für die Kartendarstellung
verwenden lassen; dazu kommt eine Aufbereitung der Liegenschaftsbuchdaten.

Die Darstellung selbst übernehmen andere Programme, etwa ein QGIS-Plugin desselben Herstellers oder
UMN-MapServer; auch die GBD WebSuite nennt den norGIS-Import als Grundlage ihrer Flurstücksuche.
Unter Windows steht das Werkzeug über OSGeo4W bereit. Die Lizenzdatei enthält die GPL Version 2, die
Dateiköpfe erlauben spätere Versionen; das Repository wird laufend gepflegt (Änderungen bis
November 2025). Einzelne kommunale Nutzer nennen die geöffneten Quellen nicht.
"""))

E.append(dict(
 id="dcat-ap-de-shacl-validator", name="DCAT-AP.de SHACL-Validierung",
 summary="Prüfregeln (SHACL-Shapes) und Werkzeuge von GovData, mit denen Datenbereitsteller ihre Open-Data-Metadaten gegen den deutschen Standard DCAT-AP.de prüfen, bevor sie an GovData geliefert werden.",
 action_fields=["daten-plattformen"], tags=["Open Data","Metadaten","Validierung","GovData"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"GovDataOfficial/DCAT-AP.de-SHACL-Validation", provider="GovData (Geschäfts- und Koordinierungsstelle)",
 standards=["DCAT-AP.de","SHACL"], hosting=["saas","eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 contact="mailto:info@govdata.de",
 sources=[GH+"GovDataOfficial/DCAT-AP.de-SHACL-Validation", GH+"GovDataOfficial/DCAT-AP.de-SHACL-Validation/blob/HEAD/README.md",
          GH+"GovDataOfficial/DCAT-AP.de-SHACL-Validation/blob/HEAD/LICENSE"],
 body="""
Kommunen, die offene Daten über ein eigenes Portal oder über GovData veröffentlichen, müssen ihre
Metadaten im Format DCAT-AP.de liefern. Dieses Repository enthält die Prüfregeln dafür: Es baut auf
den SHACL-Regeln der EU für DCAT-AP 3.0 auf, ergänzt deutschsprachige Fehlermeldungen, Hinweise auf
veraltete Eigenschaften, deutsche Zusatzeigenschaften und die Pflicht, kontrollierte Vokabulare
(etwa für Lizenzen) zu verwenden. Einzelne Regeln sind dokumentiert, zum Beispiel dass
Kontaktangaben mindestens eine E-Mail-Adresse oder ein Kontaktformular enthalten müssen.

Die Regeln sind über den Validator der EU-Testplattform ITB online nutzbar und lassen sich auch
selbst ausführen. Herausgeber ist GovData; Rückmeldungen nimmt das Projekt über GitHub-Issues oder
per E-Mail entgegen. Das Repository enthält die GNU AGPL Version 3 (Stand Oktober 2025). Einzelne
kommunale Nutzer nennen die Quellen nicht.
"""))
