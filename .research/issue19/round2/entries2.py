GH = "https://github.com/"
E = []

E.append(dict(
 id="opentalk", name="OpenTalk",
 summary="Open-Source-Videokonferenzlösung aus Deutschland mit Funktionen für die Verwaltung wie Abstimmungen und Telefoneinwahl; Thüringen stellt sie Landesbehörden und Kommunen für die digitale Gremienarbeit bereit.",
 action_fields=["verwaltung","beteiligung"], tags=["Videokonferenz","Gremienarbeit","Digitale Souveränität"],
 development_status="stable", open_source=True, licence="EUPL-1.2",
 repository=GH+"opentalk-mirrors/frontend-web-web-app", website="https://opentalk.eu/", provider="OpenTalk GmbH (Heinlein Gruppe)",
 hosting=["eigenbetrieb","it-dienstleister","saas"], transfer_readiness="P5", contact="mailto:mail@opentalk.eu",
 sources=[GH+"opentalk-mirrors/frontend-web-web-app", GH+"opentalk-mirrors/frontend-web-web-app/blob/HEAD/REUSE.toml",
          "https://opentalk.eu/de/news/thueringer-landesverwaltung-setzt-auf-opentalk",
          "https://kommune21.de/k21-meldungen/opentalk-fuer-die-gremienarbeit", "https://heise.de/-10456690",
          "https://www.egovernment.de/mehr-souveraenitaet-dank-opentalk-rollout-a-5fb8c552b54df109d5514ed5df70683f/?cflt=rel",
          "https://finanzen.thueringen.de/aktuelles/medieninfo/detailseite/mehr-als-15000-videokonferenzen-seit-start-im-maerz-thueringer-open-source-videokonferenzloesung-wird-intensiv-genutzt"],
 body="""
OpenTalk ist eine Videokonferenzsoftware, die für die Anforderungen öffentlicher Stellen entwickelt
wurde: Anmeldung über vorhandene Identitätsdienste, Einwahl per Telefon, mandantenfähiger Betrieb
für mehrere Einrichtungen und Funktionen wie revisionssichere Abstimmungen, die für Sitzungen von
Gremien gebraucht werden. Hersteller ist die OpenTalk GmbH aus der Heinlein Gruppe.

Der Freistaat Thüringen stellt OpenTalk seit März 2024 aus dem Landesrechenzentrum für die
Landesverwaltung und die Kommunen bereit, ausdrücklich auch für die digitale Gremienarbeit; erste
Kommunen hatten laut Kommune21 bereits Vereinbarungen mit dem Land geschlossen. Schleswig-Holstein
rollt OpenTalk nach einer Pilotphase bis Ende 2025 in allen Landesbehörden aus und betreibt es in
einem eigenen Rechenzentrum; laut Landesregierung können dort auch teilnehmende Kommunen
angebunden werden. Das Thüringer Finanzministerium berichtete später von rund 50 Kommunen, die das
Landesangebot nutzen. Namentlich genannte Kommunen enthalten die geöffneten Quellen nicht; das Feld
der nutzenden Kommunen bleibt daher leer, obwohl die Nutzung über die Länder belegt ist.

Der Quellcode wird auf OpenCoDE veröffentlicht; der hier verlinkte GitHub-Spiegel des Web-Frontends
weist den Code nach REUSE-Angaben als EUPL-1.2 aus, Grafiken und Schriften stehen unter
CC-BY-NC-ND-4.0. Weitere Bestandteile (Controller, Medienserver) liegen in eigenen Repositorien.
"""))

E.append(dict(
 id="freifunk-gluon", name="Freifunk-WLAN mit der Gluon-Firmware",
 summary="Freies, nicht kommerzielles Bürger-WLAN aus vernetzten Routern mit der Firmware Gluon; Kommunen kooperieren mit lokalen Freifunk-Vereinen, um Rathäuser, Dorfgemeinschaftshäuser und Innenstädte mit offenem WLAN zu versorgen.",
 action_fields=["infrastruktur","information-kommunikation"], tags=["WLAN","Freifunk","Mesh-Netz","Bürgernetz","OpenWrt"],
 development_status="stable", open_source=True, licence="BSD-2-Clause",
 repository=GH+"freifunk-gluon/gluon", website="https://gluon.readthedocs.io/", provider="Projekt Gluon / Freifunk-Communities",
 maintenance="community",
 used_by_sources=[("06635016","https://freifunk-nordhessen.de/stadt-lichtenfels-weiter-kostenlos-ins-internet-mit-freifunk/"),
                  ("03353040","https://freifunk-kreisgt.de/wie-es-auch-gehen-kann-beispiel-winsen"),
                  ("08327036","https://www.schwaebische.de/landkreis/landkreis-tuttlingen/muehlheim_artikel,-freies-wlan-f%C3%BCr-m%C3%BChlheim-_arid,10908701.html")],
 hosting=["eigenbetrieb"], cost_model="dienstleistung", transfer_readiness="P5",
 sources=[GH+"freifunk-gluon/gluon", GH+"freifunk-gluon/gluon/blob/HEAD/README.md", GH+"freifunk-gluon/gluon/blob/HEAD/LICENSE",
          "https://freifunk-nordhessen.de/stadt-lichtenfels-weiter-kostenlos-ins-internet-mit-freifunk/",
          "https://freifunk-kreisgt.de/wie-es-auch-gehen-kann-beispiel-winsen",
          "https://www.schwaebische.de/landkreis/landkreis-tuttlingen/muehlheim_artikel,-freies-wlan-f%C3%BCr-m%C3%BChlheim-_arid,10908701.html",
          "http://www.volksfreund.de/nachrichten/region/rheinlandpfalz/rheinland/dpa-Tausende-Wlan-Hotspots-in-Rheinland-Pfalz;art158726,4566763"],
 body="""
Freifunk-Initiativen bauen offene WLAN-Netze aus handelsüblichen Routern, die sich untereinander
vernetzen und den Datenverkehr über Gateways der Community ins Internet leiten. Gluon ist das
gemeinsame Firmware-Gerüst dafür: Es erzeugt vorkonfigurierte OpenWrt-Abbilder mit Mesh-Routing
(batman-adv), VPN-Anbindung (fastd, WireGuard), einem einfachen Einrichtungsmodus für Laien,
automatischen signierten Updates und einer Statusseite je Knoten. Jede Community passt Gluon über
eine eigene Konfiguration an.

Für Kommunen ist Freifunk ein Weg zu öffentlichem WLAN ohne Anmeldeseite. Die Stadt Lichtenfels
(Hessen) versorgt ihre Dorfgemeinschaftshäuser mit Freifunk Nordhessen und zahlt dafür eine
jährliche Gebühr je Zugangspunkt; die Stadt Winsen (Luhe) förderte mit dem Freifunk Nordheide e. V.
50 Zugangspunkte in der Innenstadt; in Mühlheim an der Donau begleitete die Stadtverwaltung den
Aufbau von zunächst fünf Standorten, etwa im Gemeindezentrum und im Hallenbad. Die Berichte nennen
Freifunk, aber nicht, welche Firmware die jeweilige Community einsetzt; Gluon ist die im Freifunk
verbreitete, hier verlinkte Grundlage.

Gluon steht unter der BSD-2-Clause-Lizenz (einzelne Teile nach eigener Angabe abweichend) und wird
von der Community laufend gepflegt. Betrieb und Support übernehmen in der Regel ehrenamtliche
Vereine; für Kommunen fallen Kosten für Geräte und gegebenenfalls Gebühren an.
"""))

E.append(dict(
 id="mein-stadtarchiv", name="Mein Stadtarchiv",
 summary="Webplattform, auf der Kommunalarchive Findbuchdaten und Digitalisate als offene Daten veröffentlichen und Bürgerinnen und Bürger Fotos und Dokumente kommentieren können; entstanden für das Stadtarchiv Kerpen.",
 action_fields=["bildung-kultur","daten-plattformen","beteiligung"], tags=["Stadtarchiv","Open Data","Digitalisate","Stadtgeschichte"],
 development_status="obsolete", open_source=True, licence="BSD-3-Clause",
 repository=GH+"okfde/mein-stadtarchiv", website="https://mein-stadtarchiv.de/", provider="Open Knowledge Foundation Deutschland / binary butterfly",
 origin=["05362032"],
 used_by_sources=[("05362032","https://open.nrw/Open-Data-Stadt-Kerpen")],
 hosting=["saas","eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P3",
 sources=[GH+"okfde/mein-stadtarchiv", GH+"okfde/mein-stadtarchiv/blob/HEAD/package.json",
          "https://open.nrw/Open-Data-Stadt-Kerpen", "https://open.nrw/open-government/opennrw-projekte/kolpingstadt-kerpen",
          "https://codingdavinci.de/de/mein-stadtarchiv", "https://vitako.berlin/archive/6672",
          "https://www.civitec.de/cms101c/aktuelles/artikel/56408"],
 body="""
„Mein Stadtarchiv“ zeigt Bestände eines Kommunalarchivs – Findbuchdaten, Fotos, Urkunden, Akten und
Karten – in einer einfachen Suchoberfläche. Digitalisate können unter freien Lizenzen abgerufen
werden; Bürgerinnen und Bürger können Einträge kommentieren und so helfen, etwa unbekannte Fotos
zeitlich und örtlich einzuordnen. Eine Georeferenzierung verknüpft Dokumente mit Orten in der Stadt.

Die Plattform entstand 2017 als Pilotprojekt „Kommunales Open Government“ des Landes NRW: Die
Kolpingstadt Kerpen, die kdvz Rhein-Erft-Rur und die Open Knowledge Foundation entwickelten sie in
rund sechs Monaten; zum Start waren über 18.000 Datensätze und 1.900 Digitalisate aus dem Stadtarchiv
Kerpen abrufbar. Beim Kulturhackathon Coding da Vinci 2019 wurde die Software so erweitert, dass
weitere Archive (etwa mit Daten des Stadtarchivs Moers) eingebunden und per Docker selbst betrieben
werden können. 2021 suchten die Beteiligten laut Vitako nach einem dauerhaften Betriebsmodell, weil
der ehrenamtliche Betrieb an Grenzen stieß.

Das Repository enthält keine eigene Lizenzdatei; die package.json nennt BSD-3-Clause. Die letzte
Änderung im Repository stammt von Anfang 2021, daher ist der Eintrag als nicht mehr gepflegt markiert.
"""))

E.append(dict(
 id="schul-cloud", name="Schul-Cloud (dBildungscloud)",
 summary="Quelloffene Lern- und Arbeitsplattform für Schulen mit Kursen, Aufgaben, Dateiablage, Messenger und Videokonferenzen, entwickelt am Hasso-Plattner-Institut und von Niedersachsen, Brandenburg und Thüringen als Landescloud betrieben.",
 action_fields=["bildung-kultur"], tags=["Schule","Lernplattform","Bildungscloud","Datenschutz"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"hpi-schul-cloud/schulcloud-server", website="https://documentation.dbildungscloud.dev/docs/intro", provider="Dataport AöR (vormals Hasso-Plattner-Institut)",
 hosting=["it-dienstleister"], transfer_readiness="P5",
 sources=[GH+"hpi-schul-cloud/schulcloud-server", GH+"hpi-schul-cloud/schulcloud-server/blob/HEAD/LICENSE",
          GH+"hpi-schul-cloud/schulcloud-server/blob/HEAD/README.md",
          "https://www.morgenpost.de/berlin/article232690935/Drei-Laender-machen-gemeinsame-Sache-bei-der-Schul-Cloud.html",
          "https://mk.niedersachsen.de/startseite/aktuelles/presseinformationen/drei-lander-drei-pilotprojekte-zur-hpi-schul-cloud-196555.html",
          "https://mbjs.brandenburg.de/aktuelles/pressemitteilungen.html?news=bb1.c.693794.de",
          "https://epaper.kommune21.de/0623_JCic5/"],
 body="""
Die Schul-Cloud bietet Schülerinnen, Schülern und Lehrkräften einen gemeinsamen digitalen Raum:
Kurse und Aufgaben, Dateiablage, Stundenplan und Kalender, Neuigkeiten, einen Messenger,
Videokonferenzen und einen „Lern-Store“ mit Bildungsmedien. Sie läuft im Browser auf allen
Endgeräten und wird zentral betrieben, sodass Schulen und Schulträger keine eigenen Server pflegen
müssen.

Das Hasso-Plattner-Institut entwickelte die Plattform ab 2016 mit Förderung des
Bundesbildungsministeriums, zunächst mit MINT-EC-Schulen. Niedersachsen (Niedersächsische
Bildungscloud, ab 2018), Brandenburg und Thüringen (ab 2019) führten eigene Landesvarianten ein und
vereinbarten 2021, Betrieb und Weiterentwicklung gemeinsam zu übernehmen; in der Pandemie wuchs die
Nutzung auf rund 4.000 Schulen. Laut Kommune21 ging die Plattform 2021 an den öffentlichen
IT-Dienstleister Dataport über, der sie technisch neu aufbaut (u. a. mit Nextcloud und Keycloak).

Der Servercode steht unter der GNU AGPL Version 3 (Lizenzdatei ohne „or later“-Hinweis) und wird
aktiv weiterentwickelt. Betreiber sind die Länder; einzelne kommunale Schulträger nennen die
geöffneten Quellen nicht, daher ist keine nutzende Kommune eingetragen.
"""))

E.append(dict(
 id="mapserver", name="MapServer",
 summary="Freier Kartenserver der OSGeo, der Geodaten aus Dateien und Datenbanken als Kartenbilder und OGC-Dienste (WMS, WFS, WCS) ausliefert; Grundlage vieler kommunaler WebGIS-Lösungen.",
 action_fields=["geodaten-zwillinge"], tags=["Kartenserver","WMS","WFS","Geodateninfrastruktur","OSGeo"],
 development_status="stable", open_source=True, licence="MIT",
 repository=GH+"MapServer/MapServer", website="https://mapserver.org/", provider="Open Source Geospatial Foundation (OSGeo)",
 maintenance="community",
 used_by_sources=[("09162000","http://www.linux-magazin.de/Ausgaben/2001/10/Plan-Quadrat")],
 standards=["OGC WMS","OGC WFS","OGC WCS"], hosting=["eigenbetrieb","it-dienstleister"], cost_model="lizenzkostenfrei", transfer_readiness="P5",
 sources=[GH+"MapServer/MapServer", GH+"MapServer/MapServer/blob/HEAD/LICENSE.md", "http://de.wikipedia.org/wiki/MapServer",
          "http://www.linux-magazin.de/Ausgaben/2001/10/Plan-Quadrat",
          "https://studylib.net/doc/11832730/internet-gis-development-for-municipalities-and-counties-...",
          "https://powershow.com./view1/1c2ccf-ZDc1Z/WebGISServer_fr_kleine_und_mittelgroe_Kommunen_powerpoint_ppt_presentation",
          GH+"srahn/kvwmap/blob/HEAD/README"],
 body="""
MapServer liest Geodaten aus zahlreichen Datei- und Datenbankformaten und liefert sie als
Kartenbilder oder als standardisierte Geodienste aus (Web Map Service, Web Feature Service, Web
Coverage Service). Er gilt als schnell und stabil und wird oft hinter einem Kartenclient oder einem
Geoportal betrieben; über MapScript lässt er sich auch aus Programmen ansteuern.

In Kommunen ist MapServer seit langem verbreitet: Die Stadt München bot bereits 2001 gemeinsam mit
der TU München Umweltinformationen über einen Linux-basierten MapServer im Internet an
(Linux-Magazin). Das Kommunale Rechenzentrum Minden-Ravensberg/Lippe betrieb 2007 einen MapServer
für mehrere Städte und Gemeinden, und das WebGIS kvwmap, das Landkreise in
Mecklenburg-Vorpommern nutzen, baut ebenfalls auf MapServer auf. Die Münchner Quelle ist alt; ob die
Stadt ihn heute noch einsetzt, sagen die geöffneten Quellen nicht.

MapServer steht unter einer MIT-artigen Lizenz (Rechteinhaber OSGeo und University of Minnesota) und
wird von der OSGeo-Community weiterentwickelt.
"""))

E.append(dict(
 id="terminfinder-sh", name="Terminfinder (Dataport / Schleswig-Holstein)",
 summary="Webanwendung für Terminabstimmungen in Gruppen mit passwortgeschützten Umfragen und automatischer Löschung der Daten; ein Angebot von Dataport und dem Land Schleswig-Holstein.",
 action_fields=["verwaltung"], tags=["Terminabstimmung","Umfrage","Datenschutz"],
 development_status="development", open_source=True, licence="EUPL-1.2",
 repository=GH+"Dataport/terminfinder-frontend", publiccode_url=GH+"Dataport/terminfinder-frontend/blob/HEAD/publiccode.yml",
 provider="Dataport AöR", maintenance="internal",
 hosting=["it-dienstleister","eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 sources=[GH+"Dataport/terminfinder-frontend", GH+"Dataport/terminfinder-frontend/blob/HEAD/README.md",
          GH+"Dataport/terminfinder-frontend/blob/HEAD/publiccode.yml", GH+"Dataport/terminfinder-frontend/blob/HEAD/LICENSE",
          GH+"Dataport/terminfinder-backend"],
 body="""
Der Terminfinder ist eine schlanke Alternative zu kommerziellen Umfragediensten: Wer einen Termin
abstimmen will, legt Titel, Ort und mögliche Tage oder Uhrzeiten an und teilt den Link; die
Teilnehmenden antworten mit „ja“, „nein“ oder „vielleicht“. Umfragen lassen sich mit einem Passwort
schützen, und nach Ablauf der letzten Terminoption werden die Daten nach den Standardeinstellungen
automatisch gelöscht. Frontend (Angular) und Backend liegen in getrennten Repositorien; Titel,
Adressen und weitere Parameter werden beim Bau über Umgebungsvariablen gesetzt.

Laut README ist der „Terminfinder-SH“ ein Angebot von Dataport und dem Land Schleswig-Holstein.
Die publiccode.yml führt das Projekt als „development“ und in eigener Pflege von Dataport; der Code
steht unter der EUPL-1.2. Für andere Verwaltungen eignet er sich als selbst betriebener Dienst, um
personenbezogene Daten bei Terminabstimmungen nicht an externe Anbieter zu geben.
"""))
