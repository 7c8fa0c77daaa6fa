GH = "https://github.com/"
E = []

E.append(dict(
 id="polar-kartenclient", name="POLAR – Plugins for OpenLayers",
 summary="Konfigurierbarer Kartenclient und Plugin-Baukasten von Dataport, mit dem Verwaltungen Karten in Online-Anträge und Fachportale einbetten, etwa für Schadensmeldungen oder Denkmalkarten.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["Kartenclient","OpenLayers","Masterportal","Online-Antrag","Web-GIS"],
 development_status="stable", open_source=True, licence="EUPL-1.2",
 repository=GH+"Dataport/polar", website="https://dataport.github.io/polar/main/", provider="Dataport AöR",
 used_by_sources=[("02000000", GH+"Dataport/polar/blob/HEAD/README.md")],
 standards=["OGC WMS","OGC WFS"], hosting=["eigenbetrieb","it-dienstleister"], cost_model="lizenzkostenfrei",
 transfer_readiness="P5", contact="mailto:polar@dataport.de",
 sources=[GH+"Dataport/polar", GH+"Dataport/polar/blob/HEAD/README.md", GH+"Dataport/polar/blob/HEAD/LICENSE", GH+"Dataport/polar/blob/HEAD/package.json"],
 body="""
POLAR ist eine Sammlung von Kartenbausteinen auf Grundlage von OpenLayers und der masterportalAPI aus
Hamburg. Verwaltungen bauen damit eigene Kartenclients: entweder fertig über Konfiguration (ein
generischer Client aus dem npm-Paket) oder mit eigenem Code für besondere Fachaufgaben. Die Plugins
decken übliche Anforderungen ab, etwa Adresssuche und Rückwärts-Geokodierung, Pins zum Markieren
eines Orts, Zeichnen, Filter, Legende, Layerauswahl, Abfrage von Objektinformationen (WMS/WFS),
Export und Routing über OpenRouteService.

Laut README wird POLAR vor allem in Antragsverfahren eingesetzt, bei denen Bürgerinnen und Bürger
einen Ort angeben müssen; die Karte wirkt dann wie ein Formularfeld für Geodaten. Genannt werden der
„Meldemichel“ der Freien und Hansestadt Hamburg, mit dem Schäden an öffentlicher Infrastruktur
gemeldet und eingesehen werden, und die Denkmalkarte Schleswig-Holstein. Als Unterstützer und
Nutzer führt das Repository Bremen, Hamburg, Sachsen-Anhalt und Schleswig-Holstein sowie die
Senatskanzlei Hamburg, das Landesamt für Denkmalpflege Schleswig-Holstein und Dataport auf.

Der Code steht unter der EUPL-1.2 und wird von Dataport auf GitHub gepflegt (letzte Änderungen 2026).
Wer POLAR nutzen will, braucht eigene Kartendienste (WMS/WFS) oder das Dienstregister eines Landes
und Personal, das die Konfiguration oder Erweiterungen in JavaScript umsetzt.
"""))

E.append(dict(
 id="xplan-reader", name="XPlan-Reader (QGIS-Plugin)",
 summary="QGIS-Plugin des Kreises Viersen, das XPlanGML-Dateien von Bebauungs- und Flächennutzungsplänen mit fester Layerreihenfolge und vorbereiteten Stilen lädt – zur Sichtprüfung, Qualitätssicherung oder Veröffentlichung als Kartendienst.",
 action_fields=["geodaten-zwillinge","stadtentwicklung"], tags=["XPlanung","QGIS","Bauleitplanung","Bebauungsplan","Flächennutzungsplan"],
 development_status="stable", open_source=True, licence="GPL-3.0-only",
 repository=GH+"kreis-viersen/xplan-reader", provider="Kreis Viersen",
 origin=["05166"], standards=["XPlanung","XPlanGML"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei",
 transfer_readiness="P4", contact="mailto:open@kreis-viersen.de",
 sources=[GH+"kreis-viersen/xplan-reader", GH+"kreis-viersen/xplan-reader/blob/HEAD/README.md",
          GH+"kreis-viersen/xplan-reader/blob/HEAD/metadata.txt", GH+"kreis-viersen/xplan-reader/blob/HEAD/LICENSE",
          "https://media.ccc.de/v/fossgis2023-23425-xplan-reader-ein-qgis-plugin"],
 body="""
Der XPlan-Reader ist eine Erweiterung für QGIS (ab Version 3.26), die eine XPlanGML-Datei einliest
und ihre Ebenen in einer vorgegebenen Reihenfolge als Layergruppe anlegt. Für viele Objektarten
bringt das Plugin eigene Layerstile mit; textliche Festsetzungen lassen sich für zahlreiche
Bebauungsplan-Objekte in einem Infofenster anzeigen. Typische Zwecke laut README: Pläne ansehen, ihre
Qualität prüfen oder aus ihnen ein QGIS-Server-Projekt erstellen, etwa um einen Flächennutzungsplan
als WMS zu veröffentlichen. Die Datei muss valide nach XPlanung sein; für die Prüfung verweist das
Projekt auf den XPlanValidator der XLeitstelle.

Herausgeber ist der Kreis Viersen, der das Plugin im offiziellen QGIS-Plugin-Verzeichnis
veröffentlicht und auf der FOSSGIS-Konferenz 2023 vorgestellt hat. Das Changelog reicht bis
Version 0.35 (2026), das Plugin ist für QGIS mit Qt 6 vorbereitet. Ob und wie der Kreis es selbst im
Alltag einsetzt, steht nicht in den geöffneten Quellen; deshalb ist hier kein Einsatzort eingetragen.

Das Repository enthält den Text der GPL Version 3 ohne Hinweis auf spätere Versionen. Fragen und
Fehlermeldungen nimmt der Kreis über die Issues oder per E-Mail entgegen.
"""))

E.append(dict(
 id="kvwmap", name="kvwmap",
 summary="Open-Source-WebGIS-Framework für Kreis- und Amtsverwaltungen, mit dem Geobasis- und Fachdaten rechtebasiert erfasst, ausgewertet und über Fachschalen bereitgestellt werden; in mehreren Landkreisen Mecklenburg-Vorpommerns im Einsatz.",
 action_fields=["geodaten-zwillinge","verwaltung"], tags=["WebGIS","Geoportal","Liegenschaftskataster","MapServer","PostGIS"],
 development_status="stable", open_source=True, licence="GPL-2.0-or-later",
 repository=GH+"srahn/kvwmap", website="http://kvwmap.de", provider="GDI-Service (Peter Korduan, Stefan Rahn)",
 used_by_sources=[("13075","https://geoportal-vg.de/geoportal/index.php/sample-page/zugangsvoraussetzungen/"),
                  ("13073","http://geoport.lk-vr.de/geoport/index.php/Zugangsvoraussetzungen")],
 standards=["OGC WMS","OGC WFS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei",
 transfer_readiness="P5", contact="mailto:kvwmap-users@lists.sourceforge.net",
 sources=[GH+"srahn/kvwmap", GH+"srahn/kvwmap/blob/HEAD/README", GH+"srahn/kvwmap/blob/HEAD/lizenz.txt",
          "http://www.steinbeis.de/de/publikationen/transfermagazin/transfer-022008/kvwmap-gis-entwicklung-fuer-kommunen-und-landkreise.html",
          "https://geoportal-vg.de/geoportal/index.php/sample-page/zugangsvoraussetzungen/",
          "http://geoport.lk-vr.de/geoport/index.php/Zugangsvoraussetzungen"],
 body="""
kvwmap ist ein in PHP geschriebenes WebGIS-Framework, das auf UMN-MapServer, PostGIS und OGR aufsetzt.
Es verwaltet Geo- und Sachdaten mit einem Nutzer- und Rollensystem, sodass Ämter, Gemeinden und
externe Stellen jeweils nur die für sie freigegebenen Daten sehen oder bearbeiten. Über eine
Plugin-Schnittstelle entstehen eigene Fachschalen, zum Beispiel für Kataster- oder
Naturschutzaufgaben.

Das System entstand als Internet-GIS für Kommunen und Landkreise und wurde vom
Steinbeis-Transferzentrum Geoinformatik betreut; einige Landkreise in Mecklenburg-Vorpommern
trieben die Entwicklung als „WebGIS-Initiative“ gemeinsam voran. Heute bieten der Landkreis
Vorpommern-Greifswald (Geobasis- und Fachdaten für Ämter, Gemeinden und weitere Berechtigte) und der
Landkreis Vorpommern-Rügen (GeoPORT.VR für Kreisverwaltung, Ämter und Gemeinden) ihre Geoportale auf
kvwmap-Basis an. Einrichtung und Weiterentwicklung bietet die Firma GDI-Service als Dienstleistung an.

Das Repository wird laufend gepflegt (Änderungen bis 2026). Die Lizenzdatei stellt kvwmap unter die
GPL Version 2 oder jede spätere Version. Für Fragen nennt das Projekt eine Mailingliste.
"""))

E.append(dict(
 id="sormas", name="SORMAS – Surveillance Outbreak Response Management and Analysis System",
 summary="Open-Source-System für Gesundheitsämter zur Erfassung von Infektionsfällen, zum Kontaktpersonenmanagement und zur Ausbruchsbekämpfung; in der Corona-Pandemie von vielen Kreisen und Städten eingeführt.",
 action_fields=["gesundheit-soziales","sicherheit-resilienz"], tags=["Gesundheitsamt","Infektionsschutz","Kontaktnachverfolgung","Pandemie"],
 development_status="stable", open_source=True, licence="GPL-3.0-or-later",
 repository=GH+"SORMAS-Foundation/SORMAS-Project", website="https://sormas.org/", provider="SORMAS Foundation / Helmholtz-Zentrum für Infektionsforschung",
 maintenance="community",
 used_by_sources=[("05570","https://www.dzonline.de/Muensterland/4352898-Software-zur-Corona-Bekaempfung-Einheitliches-IT-System-in-Gesundheitsaemtern-weit-entfernt"),
                  ("05558","https://www.dzonline.de/Muensterland/4352898-Software-zur-Corona-Bekaempfung-Einheitliches-IT-System-in-Gesundheitsaemtern-weit-entfernt"),
                  ("03153","https://rundblick-niedersachsen.de/neue-corona-software"),
                  ("03252","https://rundblick-niedersachsen.de/neue-corona-software"),
                  ("03457","https://rundblick-niedersachsen.de/neue-corona-software"),
                  ("03453","https://rundblick-niedersachsen.de/neue-corona-software"),
                  ("11000000","https://helmholtz.de/gesundheit/kontaktpersonen-digital-und-effizient-nachverfolgen")],
 hosting=["eigenbetrieb","it-dienstleister","saas"], transfer_readiness="P5", contact="mailto:info@sormas.org",
 sources=[GH+"SORMAS-Foundation/SORMAS-Project", GH+"SORMAS-Foundation/SORMAS-Project/blob/HEAD/README.md",
          GH+"SORMAS-Foundation/SORMAS-Project/blob/HEAD/LICENSE",
          "https://helmholtz.de/gesundheit/kontaktpersonen-digital-und-effizient-nachverfolgen",
          "https://rundblick-niedersachsen.de/neue-corona-software",
          "https://www.dzonline.de/Muensterland/4352898-Software-zur-Corona-Bekaempfung-Einheitliches-IT-System-in-Gesundheitsaemtern-weit-entfernt",
          "https://rp-online.de/wirtschaft/bund-und-laender-draengen-auf-schnelle-sormas-einfuehrung_aid-56194499"],
 body="""
SORMAS besteht aus einer Webanwendung und einer Android-App und unterstützt Behörden dabei, die
Ausbreitung von Infektionskrankheiten zu überwachen und auf Ausbrüche zu reagieren: Fälle und
Kontaktpersonen werden erfasst, Symptomverläufe dokumentiert, Aufgaben auf Sachbearbeitende
verteilt, und Daten können zwischen Gesundheitsämtern ausgetauscht werden. Entwickelt wurde es am
Helmholtz-Zentrum für Infektionsforschung (HZI) in Braunschweig, zuerst für den Ebola-Ausbruch in
Westafrika; heute führt die SORMAS Foundation das Projekt als Community weiter.

In Deutschland wurde SORMAS in der Corona-Pandemie zur empfohlenen Software der Gesundheitsämter. Der
Berliner Bezirk Steglitz-Zehlendorf arbeitete laut Helmholtz-Gemeinschaft seit Mai 2020 damit; in
Niedersachsen nutzten die Gesundheitsämter Goslar, Hameln, Leer und Cloppenburg das System früh, im
Münsterland die Kreise Warendorf (seit Mai 2020) und Coesfeld (seit Dezember 2020). Anfang 2021
hatten laut Presseberichten rund 200 bis 240 der etwa 375 Gesundheitsämter SORMAS installiert, viele
aber noch nicht im Betrieb – Schnittstellen zu vorhandener Software waren ein häufiges Hindernis.

Der Quellcode steht unter der GPL Version 3 oder später (so die Dateiköpfe); das Repository wird
weiter gepflegt (Änderungen bis Ende 2025). Für Interessierte nennt das Projekt die Adresse
info@sormas.org und GitHub-Discussions.
"""))

E.append(dict(
 id="pretix", name="pretix",
 summary="Open-Source-Ticketsystem für Veranstaltungen und Zeitfenster-Buchungen; kommunale Bäderbetriebe nutzen es etwa für Online-Tickets mit begrenzten Besucherzahlen im Freibad.",
 action_fields=["bildung-kultur","verwaltung"], tags=["Ticketing","Freibad","Zeitfenster","Veranstaltungen","Online-Buchung"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"pretix/pretix", website="https://pretix.eu/", provider="pretix GmbH",
 used_by_sources=[("08226013","https://www.rnz.de/nachrichten/eberbach_artikel,-eberbach-wie-man-ein-ticket-fuer-das-freibad-bucht-_arid,523602.html")],
 hosting=["eigenbetrieb","saas"], transfer_readiness="P4",
 sources=[GH+"pretix/pretix", GH+"pretix/pretix/blob/HEAD/LICENSE",
          "https://www.rnz.de/nachrichten/eberbach_artikel,-eberbach-wie-man-ein-ticket-fuer-das-freibad-bucht-_arid,523602.html"],
 body="""
pretix ist eine Webanwendung zum Verkauf von Eintrittskarten und zur Vergabe von Plätzen in
Zeitfenstern, mit QR-Code-Tickets, Kontingenten, Zahlungsabwicklung und Einlasskontrolle.
Für Kommunen ist das nicht nur bei Kulturveranstaltungen nützlich: Während der Corona-Pandemie
mussten viele Freibäder die Zahl der gleichzeitigen Gäste begrenzen und stellten auf Online-Tickets
für feste Zeitblöcke um.

Ein Beispiel sind die Stadtwerke Eberbach, die 2020 das Freibad der Stadt mit pretix betrieben:
Tickets für Zeitfenster waren eine Woche im Voraus buchbar, und für Menschen ohne Internetzugang
halfen Ehrenamtliche telefonisch beim Buchen (Bericht der Rhein-Neckar-Zeitung). Betreiber ist hier
ein kommunales Unternehmen, nicht die Stadtverwaltung selbst.

pretix steht unter der AGPL Version 3 (ohne „or later“) mit zusätzlichen Bedingungen nach Abschnitt 7:
Wer pretix nicht als Dienst für Dritte anbietet, darf es ohne die Pflichten aus Abschnitt 13 nutzen;
der Hinweis „powered by pretix“ muss erhalten bleiben. Einzelne Teile (Übersetzungen, Dokumentation,
Skripte) stehen unter Apache-2.0. Neben dem Eigenbetrieb gibt es einen gehosteten Dienst des
Herstellers.
"""))

E.append(dict(
 id="koha", name="Koha",
 summary="Freies integriertes Bibliothekssystem mit Katalog, Ausleihe, Erwerbung und Web-OPAC; Stadtbüchereien wie in Wermelskirchen und Treuchtlingen sind darauf umgestiegen.",
 action_fields=["bildung-kultur"], tags=["Bibliothek","Stadtbücherei","OPAC","Ausleihe"],
 development_status="stable", open_source=True, licence="GPL-3.0-or-later",
 repository=GH+"Koha-Community/Koha", website="https://koha-community.org/", provider="Koha-Community",
 maintenance="community",
 used_by_sources=[("05378032","https://rp-online.de/nrw/staedte/wermelskirchen/die-stadtbuecherei-in-wermelskirchen-hat-ein-neues-it-system_aid-80643605"),
                  ("09577173","https://www.nordbayern.de/region/wei%C3%9Fenburg/innovation-in-der-treuchtlinger-stadtbucherei-1.4586307?aliasWildcardRedirect=true")],
 standards=["MARC 21","Z39.50","SRU"], hosting=["eigenbetrieb","saas"], cost_model="lizenzkostenfrei", transfer_readiness="P5",
 sources=[GH+"Koha-Community/Koha", GH+"Koha-Community/Koha/blob/HEAD/README.md",
          "https://rp-online.de/nrw/staedte/wermelskirchen/die-stadtbuecherei-in-wermelskirchen-hat-ein-neues-it-system_aid-80643605",
          "https://www.nordbayern.de/region/wei%C3%9Fenburg/innovation-in-der-treuchtlinger-stadtbucherei-1.4586307?aliasWildcardRedirect=true",
          "http://95.111.236.116/adminkuhn/index.php?oldid=4018&title=Koha%2FMigration_der_Stadtbibliothek_Treuchtlingen_von_WinBIAP_zu_Koha",
          "https://bibliothekartag2017.univie.ac.at/programm/donnerstag/das-freie-bibliothekssystem-koha-einfuehrung-und-situation-in-deutschland/"],
 body="""
Koha ist ein webbasiertes Bibliothekssystem: Katalogisierung im MARC-Format, Ausleihe und Rückgabe,
Benutzerverwaltung, Zeitschriften und Erwerbung sowie ein Online-Katalog für die Leserinnen und
Leser. Es läuft unter Linux mit MariaDB/MySQL und wird von einer internationalen Gemeinschaft aus
Bibliotheken und Dienstleistern weiterentwickelt.

Öffentliche Bibliotheken in Kommunen nutzen es als Ersatz für kommerzielle Systeme. Die
Stadtbücherei Wermelskirchen arbeitet seit Ende 2021 mit Koha; Anschaffung und Schulung wurden zu
80 Prozent vom Land gefördert. Die Stadt Treuchtlingen ließ ihre Stadtbibliothek 2015 von WinBIAP auf
Koha umstellen, passend zur Open-Source-Strategie der Stadtverwaltung. Das
Bibliotheksservice-Zentrum Baden-Württemberg betreute 2017 nach eigener Aussage über 20 deutsche
Koha-Installationen als gehosteten Dienst.

Koha steht unter der GPL Version 3 oder später. Für die Einführung braucht eine Bibliothek einen
Dienstleister oder eigene IT für Datenmigration und Betrieb; Fehler und Änderungen laufen über den
Bugtracker der Community.
"""))

E.append(dict(
 id="kommonitor", name="KomMonitor",
 summary="Webbasiertes Werkzeug für kommunales Monitoring zur Raumentwicklung: Geodaten und Statistiken werden zu Indikatoren für Quartiere und Stadtteile verknüpft, in Karten und Diagrammen ausgewertet und fortgeschrieben.",
 action_fields=["stadtentwicklung","geodaten-zwillinge","daten-plattformen"], tags=["Monitoring","Indikatoren","Sozialraum","Stadtentwicklung","Geodateninfrastruktur"],
 development_status="stable", open_source=True, licence="Apache-2.0",
 repository=GH+"KomMonitor/web-client", website="https://kommonitor.de/", provider="Hochschule Bochum und 52°North",
 origin=["05113000","05117000"],
 used_by_sources=[("05113000","https://www.essen.de/rathaus/connected_essen_1/connected_essen_kommonitor_1.de.html"),
                  ("05117000","https://kommunen-innovativ.de/kommonitor")],
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P5",
 sources=[GH+"KomMonitor/web-client", GH+"KomMonitor/web-client/blob/HEAD/README.md", GH+"KomMonitor/web-client/blob/HEAD/LICENSE",
          "https://hochschule-bochum.de/fbg/forschung-und-entwicklung/kommonitor",
          "https://kommunen-innovativ.de/kommonitor",
          "https://www.essen.de/rathaus/connected_essen_1/connected_essen_kommonitor_1.de.html",
          "https://hochschule-bochum.de/die-bo/wichtige-einrichtungen/hochschulkommunikation/pressemitteilungen/pm/n/kommunale-raumbeobachtung-und-open-source-software-im-fokus"],
 body="""
KomMonitor führt Daten verschiedener Fachbereiche – etwa zu Demografie, Sozialstruktur, Wohnen,
Migration und Umwelt – in einem Indikatorensystem zusammen und zeigt sie für wählbare Raumebenen und
Zeiträume in Karten und Diagrammen. So lassen sich Entwicklungen in einzelnen Quartieren früh
erkennen, vergleichen und fortschreiben. Die Software besteht aus mehreren Diensten (Webclient,
Datenverwaltung, Verarbeitung, Import) und nutzt ausschließlich freie Komponenten.

Entstanden ist sie 2017 bis 2021 im BMBF-Programm „Kommunen innovativ“: Die Städte Essen und Mülheim
an der Ruhr entwickelten sie mit der Hochschule Bochum und der Ruhr-Universität Bochum. Essen führt
KomMonitor heute als Baustein von „Connected Essen“. Laut Hochschule Bochum führen immer mehr
Kommunen und Kreisverwaltungen in NRW das Werkzeug ein; zum Community-Tag 2023 kamen über 100
Angemeldete. Gepflegt wird der Code von der Hochschule Bochum und 52°North.

Der Webclient steht unter der Apache-Lizenz 2.0. Für den Betrieb braucht eine Kommune eigene
Statistik- und Geodaten in kleinräumiger Gliederung sowie IT, die den Dienste-Stack (Docker) betreibt.
"""))

E.append(dict(
 id="ucs-school", name="UCS@school",
 summary="Open-Source-Plattform für Schulträger zum zentralen Identitäts- und Rechtemanagement vieler Schulen, mit Schulportal, Klassenarbeitsmodus und Anbindung weiterer Lerndienste; genutzt etwa von Köln, Lübeck und dem Wetteraukreis.",
 action_fields=["bildung-kultur","verwaltung"], tags=["Schul-IT","Schulträger","Identitätsmanagement","Single Sign-on"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"univention/ucs-school", website="https://www.univention.com/products/ucsschool/", provider="Univention GmbH",
 used_by_sources=[("05315000","https://www.univention.de/blog-de/2018/06/aufbau-einer-effizienten-it-infrastruktur-mit-zentralem-identity-management-an-261-koelner-schulen/"),
                  ("01003000","https://www.univention.de/blog-de/2025/04/digitale-souveraenitaet-fuer-luebecks-schulen/"),
                  ("06440","https://www.univention.de/blog-de/2025/05/ucsschool-im-wetteraukreis/"),
                  ("03357","https://www.univention.de/referenz/landkreis-rotenburg/")],
 hosting=["eigenbetrieb","it-dienstleister"], transfer_readiness="P5", contact="mailto:info@univention.de",
 sources=[GH+"univention/ucs-school", GH+"univention/ucs-school/blob/HEAD/README.md", GH+"univention/ucs-school/blob/HEAD/LICENSE",
          "https://www.univention.de/blog-de/2025/05/ucsschool-im-wetteraukreis/",
          "https://www.univention.de/blog-de/2025/04/digitale-souveraenitaet-fuer-luebecks-schulen/",
          "https://www.univention.de/blog-de/2018/06/aufbau-einer-effizienten-it-infrastruktur-mit-zentralem-identity-management-an-261-koelner-schulen/",
          "https://www.univention.de/referenz/landkreis-rotenburg/",
          "https://www.connect-professional.de/markt/open-source-praxisbeispiele-an-schulen-403909-49741.html"],
 body="""
UCS@school ergänzt den Univention Corporate Server um Funktionen für Schulen: zentrale Verwaltung der
Konten von Schülerinnen, Schülern und Lehrkräften, Import aus Schulverwaltungsdaten,
Computerraum- und Klassenarbeitsmodus, Verteilen und Einsammeln von Dateien, Internetregeln und ein
Portal mit Single Sign-on für weitere Dienste wie Nextcloud oder Lernplattformen. Laut README eignet
es sich vor allem für Schulträger, die Dutzende oder Hunderte Schulen zentral betreuen.

Beispiele aus den Quellen: Die Stadt Köln begann 2018 mit einer einheitlichen Identitätsinfrastruktur
für ihre 261 Schulen. Die Hansestadt Lübeck betreut damit 56 Schulen mit rund 30.000 Schülerinnen und
Schülern. Der Wetteraukreis führt als Schulträger 85 Schulen mit rund 43.000 Schülerinnen und
Schülern in einem zentralen Identitätsmanagement auf UCS@school-Basis, und der Landkreis Rotenburg
(Wümme) setzt es seit 2018 an neun Schulen ein. Die Berichte stammen überwiegend aus dem Blog des
Herstellers, teils als Interviews mit den Schulträgern.

Der Quellcode steht laut Dateiköpfen unter der GNU AGPL Version 3; Binärpakete, Logos und Ähnliches
unterliegen einem eigenen Lizenzvertrag mit Univention. Das GitHub-Repository ist ein Spiegel der
internen Entwicklung (letzter Stand dort 2024).
"""))
