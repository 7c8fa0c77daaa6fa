GH = "https://github.com/"
E = []

E.append(dict(
 id="univention-corporate-server", name="Univention Corporate Server (UCS)",
 summary="Open-Source-Serverplattform für Identitäts- und Rechteverwaltung mit Active-Directory-Diensten auf Samba-Basis und App Center; Kommunalverwaltungen verwalten damit Benutzerkonten, Gruppen und Geräte zentral für Linux- und Windows-Arbeitsplätze.",
 action_fields=["verwaltung","infrastruktur"], tags=["Identitätsmanagement","Verzeichnisdienst","Active Directory","Samba","Digitale Souveränität"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"univention/univention-corporate-server", website="https://www.univention.com/products/ucs/", provider="Univention GmbH",
 used_by_sources=[("08127076", "https://www.univention.de/referenz/schwaebisch-hall/")],
 hosting=["eigenbetrieb","it-dienstleister"], transfer_readiness="P5", contact="https://help.univention.com",
 sources=[GH+"univention/univention-corporate-server", GH+"univention/univention-corporate-server/blob/HEAD/README.md",
          GH+"univention/univention-corporate-server/blob/HEAD/LICENSE",
          "https://www.univention.de/referenz/schwaebisch-hall/"],
 body="""
UCS ist eine Serverplattform, deren Kern ein integriertes Identitäts- und Infrastrukturmanagement
ist: Benutzerkonten, Gruppen, Rechte und Rechner werden an einer Stelle gepflegt und über eine
Weboberfläche, Programmierschnittstellen oder die Kommandozeile verwaltet. Dazu kommen
Active-Directory-kompatible Dienste auf Basis von Samba, Infrastrukturdienste wie DNS und DHCP und ein
App Center, über das weitere Anwendungen eingebunden werden. Für Schulen gibt es die Erweiterung
UCS@school, für den Verwaltungsarbeitsplatz openDesk nutzt die Univention-Technik das
Identitätsmanagement.

Die Stadt Schwäbisch Hall, die seit rund 20 Jahren Linux- und Open-Source-Software einsetzt, hat laut
Referenzbericht des Herstellers ab 2021 ihre selbst entwickelte Benutzerverwaltung durch UCS ersetzt.
Rund 900 Beschäftigte und 500 Linux-Clients werden darüber verwaltet; UCS versorgt unter anderem die
Groupware und übernahm die Daten aus dem bisherigen Samba-Verzeichnis.

Der von Univention geschriebene Code steht laut README unter der GNU AGPL Version 3, sofern im
Quelltext nichts anderes angegeben ist; die Lizenzdatei enthält den AGPL-Text ohne „or later“-Hinweis.
Auf GitHub liegt ein Spiegel des Codes. Community-Hilfe gibt es im Forum „Univention Help“, daneben
kommerziellen Support des Herstellers.
"""))

E.append(dict(
 id="opentrafficcam", name="OpenTrafficCam",
 summary="Quelloffenes System zur automatischen Verkehrszählung per Video: eigene Kameraeinheiten, KI-Erkennung und Verfolgung von Verkehrsteilnehmenden und Auswertung von Verkehrsstärken und Bewegungen; Hoyerswerda baut damit eine Live-Verkehrsdatenerfassung auf.",
 action_fields=["mobilitaet","daten-plattformen"], tags=["Verkehrszählung","Videoanalyse","KI","Verkehrsplanung","Trajektorien"],
 development_status="stable", open_source=True, licence="GPL-3.0-only",
 repository=GH+"OpenTrafficCam/OTVision", website="https://opentrafficcam.org/", provider="OpenTrafficCam (TU Dresden / platomo GmbH)",
 used_by_sources=[("14625240", "https://open-source-wettbewerb.de/voting/opentrafficcam-live")],
 hosting=["eigenbetrieb"], transfer_readiness="P4", contact="mailto:team@opentrafficcam.org",
 sources=[GH+"OpenTrafficCam/OTVision", GH+"OpenTrafficCam/OTVision/blob/HEAD/README.md",
          "https://open-source-wettbewerb.de/voting/opentrafficcam-live"],
 body="""
OpenTrafficCam deckt die ganze Kette einer videobasierten Verkehrserhebung ab: Die Kameraeinheit
OTCamera nimmt auf, OTVision wandelt Videos um, erkennt Verkehrsteilnehmende mit YOLO-Modellen,
verfolgt sie über die Einzelbilder und rechnet Bildkoordinaten in reale Koordinaten um; OTAnalytics
wertet die entstehenden Bewegungsbahnen (Trajektorien) aus, etwa zu Zählungen an Knotenpunkten.
Das ersetzt manuelle Strichlisten und erlaubt längere Messzeiträume.

Die Stadt Hoyerswerda entwickelt das System nach ihrem Wettbewerbsbeitrag zum Open-Source-Wettbewerb
2025 gemeinsam mit der TU Dresden und der platomo GmbH zu einer Echtzeitplattform weiter. Dort
hängen 19 wetterfeste Sensoren an Lichtmasten; die Daten werden laufend ausgewertet, in einem
Web-Dashboard gezeigt und sollen Verkehrsplanung und Ampelsteuerung unterstützen. Die Lösung ist
ausdrücklich als übertragbar auf andere Kommunen beschrieben.

OTVision steht laut README unter der GPL-3.0 (ohne „or later“-Angabe) und wird mit Releases für
Windows, Linux und macOS sowie als Python-Paket veröffentlicht. Bei Kameraerhebungen im öffentlichen
Raum ist der Datenschutz vorab zu klären.
"""))
