const fs=require("fs");const d=process.argv[2];const f=fs.readdirSync(d).filter(x=>x.endsWith('.cpuprofile')).pop();const p=JSON.parse(fs.readFileSync(d+'/'+f));
const self=new Map();const dt=p.timeDeltas;const idx=new Map(p.nodes.map(n=>[n.id,n]));
const parent=new Map(); p.nodes.forEach(n=>(n.children||[]).forEach(c=>parent.set(c,n.id)));
const total=new Map();
p.samples.forEach((s,i)=>{const n=idx.get(s);const k=n.callFrame.functionName+" "+n.callFrame.url.split("/").slice(-2).join("/")+":"+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));
 const seen=new Set(); let id=s; while(id!==undefined){const m=idx.get(id);const kk=m.callFrame.functionName+" "+m.callFrame.url.split("/").slice(-2).join("/")+":"+m.callFrame.lineNumber; if(!seen.has(kk)){seen.add(kk);total.set(kk,(total.get(kk)||0)+(dt[i]||0));} id=parent.get(id);} });
const filt=process.argv[3]?new RegExp(process.argv[3]):null;
console.log("SELF");console.log([...self].filter(([k])=>!filt||filt.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+"ms "+k).join("\n"));
console.log("TOTAL");console.log([...total].filter(([k])=>!filt||filt.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+"ms "+k).join("\n"));
