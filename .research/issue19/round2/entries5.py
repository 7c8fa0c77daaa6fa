GH = "https://github.com/"
E = []

E.append(dict(
 id="offener-haushalt-kreis-offenbach", name="Offener Haushalt Kreis Offenbach",
 summary="Kleine Webanwendung, die den Haushalt des Kreises Offenbach interaktiv als Diagramme und Tabellen darstellt; erzeugt statische Seiten aus einer SQLite-Datenbank mit Bausteinen des OpenSpending-Projekts.",
 action_fields=["verwaltung","daten-plattformen"], tags=["Haushalt","Transparenz","Visualisierung","OpenSpending"],
 development_status="obsolete", open_source=True, licence="MIT",
 repository=GH+"okfde/haushalt-kreis-offenbach", provider="Open Knowledge Foundation Deutschland (Christian Kreutz)",
 used_by_sources=[("06438", GH+"okfde/haushalt-kreis-offenbach/blob/HEAD/README.md")],
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P3",
 sources=[GH+"okfde/haushalt-kreis-offenbach", GH+"okfde/haushalt-kreis-offenbach/blob/HEAD/README.md",
          GH+"okfde/haushalt-kreis-offenbach/blob/HEAD/LICENSE.txt"],
 body="""
Die Anwendung macht einen Kommunalhaushalt für Bürgerinnen und Bürger durchsuchbar: Die
Haushaltsdaten liegen in einer SQLite-Datenbank, ein kleines Flask-Programm erzeugt daraus
vollständig statische Webseiten (Frozen-Flask), die auf jedem Webserver laufen. Die interaktiven
Diagramme im Browser stammen aus dem OpenSpending-Projekt.

Laut README war die Website unter haushalt.kreis-offenbach.de erreichbar, also unter der Adresse
des Kreises Offenbach. Der Code entstand 2013 und wurde danach nicht weiterentwickelt; er steht unter
der MIT-Lizenz. Als Vorlage für eine einfache, statisch gehostete Haushaltsvisualisierung ist er
noch nutzbar, die eingebundenen Bibliotheken dürften aber veraltet sein.
"""))

E.append(dict(
 id="gtfs-hub", name="GTFS-Hub",
 summary="Werkzeugkette, die Fahrplandaten (GTFS) deutscher Verkehrsverbünde regelmäßig herunterlädt, prüft, mit Linienverläufen aus OpenStreetMap anreichert, korrigiert und zu regionalen Feeds zusammenführt – etwa als Grundlage für Reiseauskünfte wie OpenTripPlanner.",
 action_fields=["mobilitaet","daten-plattformen"], tags=["GTFS","Fahrplandaten","ÖPNV","Datenqualität","OpenStreetMap"],
 development_status="stable", open_source=True, licence="AGPL-3.0-only",
 repository=GH+"mfdz/gtfs-hub", provider="MITFAHR|DE|ZENTRALE (mfdz)",
 standards=["GTFS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 sources=[GH+"mfdz/gtfs-hub", GH+"mfdz/gtfs-hub/blob/HEAD/README.md", GH+"mfdz/gtfs-hub/blob/HEAD/LICENSE"],
 body="""
Für Reiseauskünfte und Mobilitätsplattformen braucht es saubere Fahrplandaten. Der bundesweite
GTFS-Feed von DELFI und die Feeds einzelner Verbünde haben laut README aber immer wieder
Qualitätsprobleme oder es fehlen Linienverläufe. GTFS-Hub prüft regelmäßig eine Liste bekannter
Feeds auf Aktualisierungen, lädt sie herunter, validiert sie mit dem GTFSVTOR-Validator, ergänzt
Linienverläufe aus OpenStreetMap (mit dem Werkzeug pfaedle), korrigiert sie regelbasiert mit den
OneBusAway-Transformern und führt sie zu größeren Feeds zusammen oder schneidet regionale Ausschnitte
aus. Zusätzlich bereitet es OSM-Daten für OpenTripPlanner auf, etwa Park-and-Ride-Angaben.

Das Ergebnis liegt als Verzeichnis zum Veröffentlichen über einen Webserver vor; alles läuft über
Make und Docker. Herausgeber ist die MITFAHR|DE|ZENTRALE; das Repository wird seit 2020 gepflegt
(Änderungen bis 2026) und steht unter der GNU AGPL Version 3 (ohne „or later“-Hinweis). Einzelne
kommunale Nutzer nennen die geöffneten Quellen nicht.
"""))

E.append(dict(
 id="integreat-compass", name="Integreat Compass",
 summary="Webanwendung der Digitalfabrik, die Kurs- und Bildungsangebote sammelt, damit Beschäftigte von Jobcentern sie in Beratungsgesprächen an Geflüchtete und Neuzugewanderte weitergeben können.",
 action_fields=["gesundheit-soziales","bildung-kultur"], tags=["Integration","Jobcenter","Kursangebote","Beratung"],
 development_status="development", open_source=True, licence="Apache-2.0",
 repository=GH+"digitalfabrik/integreat-compass", provider="Tür an Tür – Digitalfabrik gGmbH",
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P2",
 sources=[GH+"digitalfabrik/integreat-compass", GH+"digitalfabrik/integreat-compass/blob/HEAD/README.md",
          GH+"digitalfabrik/integreat-compass/blob/HEAD/LICENSE"],
 body="""
Integreat Compass ist eine Django-Anwendung aus dem Umfeld der Integreat-App. Sie soll Kurse und
Bildungsangebote verschiedener Träger an einer Stelle sammeln, damit Beraterinnen und Berater in
Jobcentern in Gesprächen mit Geflüchteten und Neuzugewanderten schnell passende Angebote finden und
weitergeben können.

Herausgeberin ist die Tür an Tür – Digitalfabrik gGmbH aus Augsburg; der Code steht unter der
Apache-Lizenz 2.0. Die letzte Änderung im Repository stammt von Oktober 2023, einen produktiven
Einsatz bei einem Jobcenter oder einer Kommune nennen die geöffneten Quellen nicht. Der Eintrag ist
daher als Entwicklungsstand eingeordnet.
"""))
