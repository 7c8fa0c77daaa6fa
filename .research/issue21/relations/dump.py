import yaml, glob, os, collections, re
D='/work/main/data'
def rd(p):
    t=open(p,encoding='utf-8').read()
    _,f,b=t.split('---',2)
    return yaml.safe_load(f), b
sols={os.path.basename(p)[:-3]:rd(p) for p in glob.glob(D+'/solutions/*.md')}
projs={os.path.basename(p)[:-3]:rd(p) for p in glob.glob(D+'/funding-projects/*.md')}
exec(open('pairs_list.py').read()) if os.path.exists('pairs_list.py') else None
import subprocess
out=subprocess.run(['/work/main/.venv/bin/python','pairs_compute.py'],capture_output=True,text=True).stdout.splitlines()[:59]
for line in out:
    sid,pid=line.split()[:2]
    s,sb=sols[sid]; p,pb=projs[pid]
    print('='*100); print('PAIR',sid,pid)
    print('SOL summary:',s.get('summary'))
    print('SOL provider:',s.get('provider'), '| repo:',s.get('repository'), '| used_by:', s.get('used_by'))
    print('SOL sources:',s.get('sources'))
    # body lines mentioning project town or 'Modellprojekt'
    town=pid.split('-',1)[1].split('-')[0]
    for para in sb.split('\n'):
        if para.strip() and (re.search(town,para,re.I) or re.search('Modellprojekt|Förderprojekt|gefördert|entwickelt',para)):
            print('SOL body:',para.strip()[:700])
    print('PROJ summary:',p.get('summary'))
    for m in p.get('measures') or []:
        if m.get('solution')==sid:
            print('MEASURE:',m['title'],'|',m.get('summary'),'|',m.get('url'))
    for para in pb.split('\n'):
        if para.strip() and re.search(sid.split('-')[0],para,re.I):
            print('PROJ body:',para.strip()[:700])
    print('PROJ sources:',p.get('sources'))
