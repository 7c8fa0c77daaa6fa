import yaml,glob,os,sys
D='/work/main/data'
want=sys.argv[1:]
for p in sorted(glob.glob(D+'/funding-projects/*.md')):
    t=open(p,encoding='utf-8').read(); _,f,b=t.split('---',2); f=yaml.safe_load(f)
    for m in f.get('measures') or []:
        if m.get('solution') in want:
            print(os.path.basename(p),'|',m['solution'],'|',m['title'],'|',m.get('summary'),'|',m.get('url'))
