#!/bin/sh
# crm history deal, task and activity: every change with who and when, also
# after a task or an activity was removed; the customer's history gathers
# them all.
. "$(dirname "$0")/lib.sh"

crm -q customer add Acme --code ACME >/dev/null
crm -q deal add ACME Chairs --amount 100 >/dev/null
CRM_NOW=2026-11-23T10:00:00 crm deal move D00001 proposal
CRM_USER=bob CRM_NOW=2026-11-24T11:00:00 crm deal edit D00001 --amount 120.50
crm -q task add 'Call back' --customer ACME --due 2026-11-25 >/dev/null
crm task rm 1
crm -q activity log ACME --type call --summary Hello >/dev/null

try 'history deal by code' 0 crm history deal D00001
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,deal,1,code,,D00001
2026-11-22T09:30:00,ann,insert,deal,1,customer,,ACME
2026-11-22T09:30:00,ann,insert,deal,1,title,,Chairs
2026-11-22T09:30:00,ann,insert,deal,1,amount,,100.00
2026-11-22T09:30:00,ann,insert,deal,1,stage,,prospect
2026-11-22T09:30:00,ann,insert,deal,1,status,,open
2026-11-22T09:30:00,ann,insert,deal,1,owner,,ann
2026-11-23T10:00:00,ann,update,deal,1,stage,prospect,proposal
2026-11-24T11:00:00,bob,update,deal,1,amount,100.00,120.50
EOF
err_empty

try 'history deal by id, as json' 0 crm history deal 1 --format ndjson --columns at,user,field,old,new
out_is <<'EOF'
{"at":"2026-11-22T09:30:00","user":"ann","field":"code","old":null,"new":"D00001"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"customer","old":null,"new":"ACME"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"title","old":null,"new":"Chairs"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"amount","old":null,"new":"100.00"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"stage","old":null,"new":"prospect"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"status","old":null,"new":"open"}
{"at":"2026-11-22T09:30:00","user":"ann","field":"owner","old":null,"new":"ann"}
{"at":"2026-11-23T10:00:00","user":"ann","field":"stage","old":"prospect","new":"proposal"}
{"at":"2026-11-24T11:00:00","user":"bob","field":"amount","old":"100.00","new":"120.50"}
EOF

try 'history of a removed task' 0 crm history task 1
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,task,1,title,,Call back
2026-11-22T09:30:00,ann,insert,task,1,customer,,ACME
2026-11-22T09:30:00,ann,insert,task,1,due,,2026-11-25
2026-11-22T09:30:00,ann,insert,task,1,assignee,,ann
2026-11-22T09:30:00,ann,insert,task,1,priority,,normal
2026-11-22T09:30:00,ann,insert,task,1,status,,open
2026-11-22T09:30:00,ann,delete,task,1,title,Call back,
EOF

try 'history activity' 0 crm history activity 1
out_is <<'EOF'
at,user,action,entity,id,field,old,new
2026-11-22T09:30:00,ann,insert,activity,1,customer,,ACME
2026-11-22T09:30:00,ann,insert,activity,1,type,,call
2026-11-22T09:30:00,ann,insert,activity,1,at,,2026-11-22T09:30:00
2026-11-22T09:30:00,ann,insert,activity,1,rep,,ann
2026-11-22T09:30:00,ann,insert,activity,1,summary,,Hello
EOF

try "the customer's history has them all" 0 crm history customer ACME --columns entity,action,field,new --no-header
out_is <<'EOF'
customer,insert,code,ACME
customer,insert,name,Acme
customer,insert,kind,company
customer,insert,status,active
customer,insert,archived,0
deal,insert,code,D00001
deal,insert,customer,ACME
deal,insert,title,Chairs
deal,insert,amount,100.00
deal,insert,stage,prospect
deal,insert,status,open
deal,insert,owner,ann
deal,update,stage,proposal
deal,update,amount,120.50
task,insert,title,Call back
task,insert,customer,ACME
task,insert,due,2026-11-25
task,insert,assignee,ann
task,insert,priority,normal
task,insert,status,open
task,delete,title,
activity,insert,customer,ACME
activity,insert,type,call
activity,insert,at,2026-11-22T09:30:00
activity,insert,rep,ann
activity,insert,summary,Hello
EOF

try 'an unknown task' 3 crm history task 9
out_empty
err_is <<'EOF'
crm: history task: no task '9'
EOF

try 'a task key is a number' 3 crm history task abc
err_is <<'EOF'
crm: history task: no task 'abc'
EOF

try 'an unknown deal' 3 crm history deal D00009
err_is <<'EOF'
crm: history deal: no deal 'D00009'
EOF

try 'an unknown activity' 3 crm history activity 2
err_is <<'EOF'
crm: history activity: no activity '2'
EOF

try 'history deal needs a key' 2 crm history deal
out_empty

done_testing
