#!/usr/bin/env bash
# `sstrack catalog backup` while sstrackd ingests a simulated sensor's night:
# each copy is whole (integrity_check), holds every observation acknowledged
# before it began, holds nothing the live database does not hold identically,
# and was taken while ingest ran (fewer rows than at the end).
set -u
source tests/server_test_lib.sh
"$sstrack" catalog --db c.db import "$cfg/catalog-2018-01.3le" > /dev/null
"$sstrack" plan --db c.db --night 2018-01-20 --sensors KAMISAIBARA --time-limit 2 > /dev/null
check "catalog and plan" $?
"$sstrack" token-hash --role sensor --name KAMISAIBARA kam-secret > tokens.txt
printf 'cycle {\n  clock: SIMULATED\n  simulated_start_utc: "2018-01-21T12:00:00Z"\n}\n' > replay.textproto
"$sstrackd" --config replay.textproto --listen 127.0.0.1:0 --db c.db --sensors "$cfg/sensors.textproto" \
  --tokens tokens.txt --no-cycle > port.txt 2> sstrackd.log &
pid=$!
wait_port $pid sstrackd.log
port=$(awk '/^port /{print $2}' port.txt)
[ -n "$port" ]; check "sstrackd listening" $?

touch acks.txt
"$sstrack" simulate --sensor KAMISAIBARA --server 127.0.0.1:$port --token kam-secret \
  --ack-log acks.txt > /dev/null 2>&1 &
client=$!
n=0
for want in 30 300; do
  for _ in $(seq 2400); do [ "$(wc -l < acks.txt)" -ge $want ] && break; sleep 0.05; done
  n=$((n + 1))
  sort -u acks.txt > acked-before-$n.txt   # acknowledged before the backup began
  "$sstrack" catalog --db c.db backup b$n.db --json > b$n.json 2> b$n.err
  check "backup $n while ingest runs ($(head -c 300 b$n.json b$n.err | tr '\n' ' '))" $?
done
wait $client; check "the simulated sensor's night is in" $?
kill -TERM $pid; wait $pid
final=$(sqlite3 c.db "SELECT COUNT(*) FROM observations")
"$sstrack" catalog --db c.db backup b1.db > /dev/null 2> over.err
[ $? -ne 0 ] && grep -q "b1.db: exists; a backup never overwrites" over.err
check "a backup never overwrites" $?
cols="sensor, external_id, catalog_number, task_id, epoch_tai_s, epoch_tai_frac, type, value1, value2, sigma1, sigma2, status, reason"
for i in $(seq $n); do
  [ "$(sqlite3 b$i.db 'PRAGMA integrity_check')" = ok ]; check "backup $i: integrity_check" $?
  [ "$(sqlite3 b$i.db 'PRAGMA journal_mode')" = delete ] && [ ! -e b$i.db-wal ]
  check "backup $i: one self-contained file" $?
  sqlite3 b$i.db "SELECT external_id FROM observations WHERE sensor='KAMISAIBARA'" | sort -u > in-b$i.txt
  lost=$(comm -23 acked-before-$i.txt in-b$i.txt | wc -l)
  [ "$lost" -eq 0 ]; check "backup $i holds all $(wc -l < acked-before-$i.txt) observations acknowledged before it ($lost missing)" $?
  extra=$(sqlite3 b$i.db "ATTACH 'c.db' AS live; SELECT COUNT(*) FROM (SELECT $cols FROM main.observations EXCEPT SELECT $cols FROM live.observations)")
  [ "$extra" = 0 ]; check "backup $i holds nothing the live database does not hold identically ($extra)" $?
  rows=$(sqlite3 b$i.db "SELECT COUNT(*) FROM observations")
  [ "$rows" -lt "$final" ]; check "backup $i was taken during ingest ($rows of $final rows)" $?
done
exit $fail
