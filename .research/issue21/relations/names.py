import yaml,glob,os,re
D='/work/main/data'
def rd(p):
    t=open(p,encoding='utf-8').read(); _,f,b=t.split('---',2); return yaml.safe_load(f),t
sols={os.path.basename(p)[:-3]:rd(p)[0] for p in glob.glob(D+'/solutions/*.md')}
unl='aalen-heidenheim bamberg barleben brandis cottbus darmstadt einbeck fuchstal geestland gera hannover hildesheim kirchheim-bei-muenchen kreis-hoexter kreis-schleswig-flensburg landkreis-giessen landkreis-hameln-pyrmont landkreis-vorpommern-greifswald landkreis-wunsiedel lohmar luebeck mannheim muehlhausen osnabrueck pforzheim potsdam region-rhein-neckar rostock suedwestfalen'.split()
for u in unl:
    f,t=rd(f'{D}/funding-projects/mpsc-{u}.md')
    for sid,s in sols.items():
        name=s.get('name') or s.get('title') or sid
        for n in {name, sid}:
            if len(n)>=4 and re.search(r'\b'+re.escape(n)+r'\b',t,re.I):
                i=re.search(re.escape(n),t,re.I).start()
                print(u,'|',sid,'|',n,'|',t[max(0,i-150):i+150].replace('\n',' '))
