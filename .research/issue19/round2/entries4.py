GH = "https://github.com/"
MP = GH + "it-at-m/opensource.muenchen.de/blob/HEAD/de/software/"
E = []

E.append(dict(
 id="konstanz-in-zahlen", name="Konstanz in Zahlen",
 summary="Repository der Stadt Konstanz, das die jährlichen Statistiken des Hefts „Konstanz in Zahlen“ als validierte CSV-Tabellen mit Schema, Versionierung und Excel-Import/-Export bereitstellt – als Vorlage für ähnliche kommunale Datenprojekte.",
 action_fields=["daten-plattformen","verwaltung"], tags=["Statistik","Open Data","CSV","Datenqualität","Pydantic"],
 development_status="beta", open_source=True, licence="EUPL-1.2",
 repository=GH+"sgc-kn/konstanz-in-zahlen", publiccode_url=GH+"sgc-kn/konstanz-in-zahlen/blob/HEAD/publiccode.yml",
 website="https://www.konstanz.de/leben+in+konstanz/statistik/", provider="Stadt Konstanz (Smart Green City)", maintenance="internal",
 origin=["08335043"], used_by_sources=[("08335043", GH+"sgc-kn/konstanz-in-zahlen/blob/HEAD/publiccode.yml")],
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P3", contact="mailto:smartgreencity@konstanz.de",
 funding_projects=["mpsc-konstanz"],
 sources=[GH+"sgc-kn/konstanz-in-zahlen", GH+"sgc-kn/konstanz-in-zahlen/blob/HEAD/README.md",
          GH+"sgc-kn/konstanz-in-zahlen/blob/HEAD/publiccode.yml", GH+"sgc-kn/konstanz-in-zahlen/blob/HEAD/LICENSE"],
 body="""
Die Stadt Konstanz veröffentlicht seit rund 20 Jahren ein Statistikheft mit Zahlen und Fakten zur
Stadt. Dieses Repository überführt die Tabellen in maschinenlesbare CSV-Dateien: Je Tabelle gibt es
eine Schema-Beschreibung (Markdown mit YAML-Kopf), aus der automatisch Pydantic-Modelle entstehen,
gegen die die Daten streng geprüft werden. Änderungen laufen über Git und Pull Requests, sodass
nachvollziehbar bleibt, wie sich der Datenbestand entwickelt; ein Excel-Export und -Import erleichtert
die Arbeit der Fachleute, die die Zahlen pflegen.

Laut publiccode.yml wird das Projekt von der Stadt Konstanz selbst genutzt und gepflegt (Status
„beta“, fortlaufende Version), Rechteinhaberin ist die Stadt; es ist ausdrücklich als Vorlage für
ähnliche Datenprojekte gedacht. Entstanden ist es im Programm „Smart Green City“ des
Modellprojekts Smart Cities Konstanz. Lizenz: EUPL-1.2.
"""))

E.append(dict(
 id="luftbildfinder-nrw", name="Luftbildfinder NRW (QGIS-Plugin)",
 summary="QGIS-Plugin des Kreises Viersen, das per Klick in die Karte aktuelle und historische Luftbilder von Geobasis NRW für die gewählte Stelle findet und als Layer lädt.",
 action_fields=["geodaten-zwillinge"], tags=["Luftbilder","QGIS","Orthophotos","Geobasis NRW"],
 development_status="stable", open_source=True, licence="GPL-3.0-or-later",
 repository=GH+"kreis-viersen/luftbildfinder-nrw", provider="Kreis Viersen", origin=["05166"],
 standards=["OGC WMS"], hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 contact="mailto:open@kreis-viersen.de",
 sources=[GH+"kreis-viersen/luftbildfinder-nrw", GH+"kreis-viersen/luftbildfinder-nrw/blob/HEAD/README.md",
          GH+"kreis-viersen/luftbildfinder-nrw/blob/HEAD/metadata.txt", GH+"kreis-viersen/luftbildfinder-nrw/blob/HEAD/LICENSE"],
 body="""
Wer in QGIS wissen will, welche Luftbilder es für eine Stelle in Nordrhein-Westfalen gibt, klickt
mit dem Luftbildfinder in die Karte. Das Plugin fragt die WMS-Dienste von Geobasis NRW ab –
historische Luftbilder, historische und aktuelle digitale Orthophotos (DOP, iDOP, vDOP) – und lädt
die gefundenen Aufnahmen über einen Auswahldialog als Layer. Das erleichtert etwa den Vergleich
früherer und heutiger Nutzungen bei Bau-, Umwelt- oder Katasterfragen.

Herausgeber ist der Kreis Viersen; das Plugin steht im offiziellen QGIS-Verzeichnis (Version 0.6,
Stand 2025). Der Code steht laut Dateiköpfen unter der GPL Version 3 oder später. Es ist auf die
Dienste in NRW zugeschnitten; andere Länder müssten eigene Dienste eintragen.
"""))

E.append(dict(
 id="lagebuch-feuerwehr", name="Lagebuch (Einsatzdokumentation für Feuerwehren)",
 summary="Offline-fähige Anwendung für die Einsatzdokumentation von Feuerwehren im Einsatzleitwagen: Einsatztagebuch, Kräfte, Funktionen, Atemschutzüberwachung, Checklisten und PDF-Bericht, optional mit Synchronisation mehrerer Geräte.",
 action_fields=["sicherheit-resilienz"], tags=["Feuerwehr","Einsatztagebuch","Atemschutzüberwachung","Offline"],
 development_status="development", open_source=True, licence="MIT",
 repository=GH+"CodeForFire/lagebuch", provider="CodeForFire (Thomas Müller)",
 hosting=["eigenbetrieb"], cost_model="lizenzkostenfrei", transfer_readiness="P2",
 sources=[GH+"CodeForFire/lagebuch", GH+"CodeForFire/lagebuch/blob/HEAD/README.md", GH+"CodeForFire/lagebuch/blob/HEAD/LICENSE"],
 body="""
Viele freiwillige Feuerwehren dokumentieren Einsätze noch mit Excel-Vorlagen. Lagebuch ersetzt sie
durch eine Anwendung für den Laptop im Einsatzleitwagen, die vollständig offline arbeitet: Je Einsatz
gibt es einen Einsatzkopf (Stichwort, Einsatznummer), ein Einsatztagebuch mit Änderungsverlauf, die
Erfassung von Kräften und Funktionen, eine Atemschutzüberwachung mit Zeitgebern und akustischen
Erinnerungen, Checklisten aus eigenen Stammdaten, Dateianhänge und einen PDF-Bericht auf Knopfdruck.
Weitere Geräte können einem Einsatz über das lokale Netz folgen; eine Android-App dient als Begleiter.

Stammdaten wie Personal, Funkrufnamen oder Straßen werden nicht mit ausgeliefert, sondern in der
Anwendung importiert, weil sie personenbezogen sind. Laut README befindet sich das Projekt in früher
Entwicklung vor Version 1.0 (Änderungen bis August 2026); es steht unter der MIT-Lizenz. Einen
Einsatz bei einer bestimmten Feuerwehr nennen die Quellen nicht.
"""))

E.append(dict(
 id="mediawiki", name="MediaWiki",
 summary="Freie Wiki-Software, auf der die Wikipedia läuft; Kommunen nutzen sie als Wissensdatenbank und Intranet-Wiki, die Stadt München betreibt zahlreiche Instanzen für ihre Referate.",
 action_fields=["verwaltung","information-kommunikation"], tags=["Wiki","Wissensmanagement","Intranet"],
 development_status="stable", open_source=True, licence="GPL-2.0-or-later",
 repository=GH+"wikimedia/mediawiki", website="https://www.mediawiki.org/", provider="Wikimedia Foundation und MediaWiki-Community",
 maintenance="community",
 used_by_sources=[("09162000", MP+"mediawiki.md")],
 hosting=["eigenbetrieb","it-dienstleister"], cost_model="lizenzkostenfrei", transfer_readiness="P5",
 sources=[GH+"wikimedia/mediawiki", GH+"wikimedia/mediawiki/blob/HEAD/COPYING", MP+"mediawiki.md", MP+"bluespice.md"],
 body="""
MediaWiki ist die Software hinter der Wikipedia und allen Wikis der Wikimedia Foundation. In
Verwaltungen dient sie als gemeinsame Wissensdatenbank: Fachämter halten Abläufe, Zuständigkeiten,
Rechtsgrundlagen oder Anleitungen in verlinkten Seiten fest, mit Versionsgeschichte, Suche und
Rechteverwaltung. Über Erweiterungen lassen sich Formulare, Diskussionen oder semantische Abfragen
ergänzen.

Die Landeshauptstadt München hostet laut ihrem Open-Source-Portal für viele Referate eigene
Wiki-Instanzen. Zusätzlich setzt sie die auf MediaWiki aufbauende Distribution BlueSpice in über 250
Wiki-Instanzen ein, vom „Abfalllexikon“ bis zum „Zulassungswiki“.

MediaWiki steht unter der GNU GPL Version 2 oder später (so die Datei COPYING) und wird von der
Wikimedia Foundation und einer großen Community gepflegt.
"""))

E.append(dict(
 id="litellm", name="LiteLLM",
 summary="Gateway für große Sprachmodelle mit einheitlicher Schnittstelle, Nutzungs-Tracking, Caching und Zugriffskontrolle; die Stadt München bündelt darüber die Zugriffe ihrer KI-Anwendungen wie MUCGPT.",
 action_fields=["verwaltung","daten-plattformen"], tags=["KI","Sprachmodelle","LLM-Gateway","Digitale Souveränität"],
 development_status="stable", open_source=True, licence="MIT",
 repository=GH+"BerriAI/litellm", website="https://www.litellm.ai/", provider="BerriAI",
 used_by_sources=[("09162000", MP+"litellm.md")],
 hosting=["eigenbetrieb"], transfer_readiness="P4",
 sources=[GH+"BerriAI/litellm", GH+"BerriAI/litellm/blob/HEAD/LICENSE", MP+"litellm.md", MP+"mucgpt.md"],
 body="""
Wer mehrere KI-Sprachmodelle – selbst betriebene und solche von Cloud-Anbietern – in
Verwaltungsanwendungen nutzen will, braucht eine zentrale Stelle für Zugriffe, Schlüssel, Kosten
und Protokollierung. LiteLLM stellt dafür ein Gateway mit einer einheitlichen, OpenAI-kompatiblen
Schnittstelle bereit, mit Nutzungs-Tracking, Caching, Zugriffskontrolle und einer
Web-Oberfläche zum Verwalten, Überwachen und Testen der Modelle.

Die Landeshauptstadt München verwendet LiteLLM laut ihrem Open-Source-Portal als einziges Gateway
für alle Aufrufe an KI-Modelle; es soll sowohl von eigenen KI-Anwendungen wie MUCGPT als auch von
fertigen Anwendungen genutzt werden, die nur eine LLM-Schnittstelle brauchen.

Der Code außerhalb des Verzeichnisses „litellm/proxy/enterprise“ steht unter der MIT-Lizenz; das
Enterprise-Verzeichnis hat eine eigene Lizenz (Open-Core-Modell).
"""))

E.append(dict(
 id="langfuse", name="Langfuse",
 summary="Open-Source-Plattform zum Nachverfolgen, Auswerten und Verbessern von Anwendungen mit großen Sprachmodellen; die Stadt München überwacht damit die Interaktionen ihrer KI-Anwendungen in Entwicklung.",
 action_fields=["verwaltung","daten-plattformen"], tags=["KI","LLM-Observability","Qualitätssicherung"],
 development_status="stable", open_source=True, licence="MIT",
 repository=GH+"langfuse/langfuse", website="https://langfuse.com/", provider="Langfuse (ClickHouse, Inc.)",
 used_by_sources=[("09162000", MP+"langfuse.md")],
 hosting=["eigenbetrieb","saas"], transfer_readiness="P4",
 sources=[GH+"langfuse/langfuse", GH+"langfuse/langfuse/blob/HEAD/LICENSE", MP+"langfuse.md"],
 body="""
Beim Bau von KI-Assistenten für die Verwaltung muss nachvollziehbar sein, welche Eingaben zu welchen
Antworten geführt haben, wie lange Aufrufe dauern und was sie kosten. Langfuse zeichnet dafür die
Interaktionen von Anwendungen mit Sprachmodellen auf („Tracing“), macht sie durchsuchbar und
unterstützt Bewertung, Fehlersuche und das Verwalten von Prompts im Team.

Die Landeshauptstadt München nutzt laut ihrem Open-Source-Portal die Langfuse-Integration in
LangChain, um alle Interaktionen mit ihren in Entwicklung befindlichen KI-Anwendungen zu verfolgen
und zu überwachen; sie trägt nach eigener Angabe auch zum Projekt bei.

Der Code außerhalb der „ee“-Verzeichnisse steht unter der MIT-Lizenz; die Enterprise-Teile haben eine
eigene Lizenz. Neben dem Eigenbetrieb gibt es einen Cloud-Dienst des Herstellers.
"""))

E.append(dict(
 id="qdrant", name="Qdrant",
 summary="Vektordatenbank mit Ähnlichkeitssuche für KI-Anwendungen, etwa um Verwaltungsdokumente für Assistenten durchsuchbar zu machen; Standard-Vektordatenbank der KI-Entwicklungen der Stadt München.",
 action_fields=["daten-plattformen","verwaltung"], tags=["KI","Vektordatenbank","Retrieval Augmented Generation","Suche"],
 development_status="stable", open_source=True, licence="Apache-2.0",
 repository=GH+"qdrant/qdrant", website="https://qdrant.tech/", provider="Qdrant Solutions GmbH",
 used_by_sources=[("09162000", MP+"qdrant.md")],
 hosting=["eigenbetrieb","saas"], cost_model="lizenzkostenfrei", transfer_readiness="P4",
 sources=[GH+"qdrant/qdrant", GH+"qdrant/qdrant/blob/HEAD/LICENSE", MP+"qdrant.md"],
 body="""
KI-Assistenten, die Fragen anhand eigener Dokumente beantworten sollen, brauchen eine Datenbank, in
der Texte als Vektoren („Embeddings“) gespeichert und nach inhaltlicher Ähnlichkeit gefunden
werden. Qdrant ist eine solche Vektordatenbank, läuft in Containern und bietet eine integrierte
Ähnlichkeitssuche mit Filtern.

Die Landeshauptstadt München verwendet Qdrant laut ihrem Open-Source-Portal als
Standard-Vektordatenbank in den KI-Anwendungen, die sie derzeit entwickelt; dort werden Embeddings von
Textdokumenten in Kombination mit LangChain gespeichert und durchsucht.

Qdrant steht unter der Apache-Lizenz 2.0 (Rechteinhaber Qdrant Solutions GmbH). Für den Betrieb
reicht ein eigener Server oder Kubernetes-Cluster; der Hersteller bietet auch einen Cloud-Dienst an.
"""))
