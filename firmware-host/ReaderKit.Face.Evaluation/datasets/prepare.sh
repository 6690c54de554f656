#!/usr/bin/env bash
# Lays out the public face sets used by `readerkit face-eval` as OUT/<subset>/<identity>/<image> from local git
# checkouts of the public repositories they come from (see ../README.md "Datasets and provenance").
# Images are never committed: keep OUT outside the repository.
# Usage: prepare.sh OUT  MOBILEFACE_GIT  DEEPFACE_GIT  FACE_RECOGNITION_GIT  HUMAN_GIT
#   each *_GIT is a git directory (bare or a work tree's .git) of, respectively:
#   becauseofAI/MobileFace, serengil/deepface, ageitgey/face_recognition, vladmandic/human
set -euo pipefail
[ $# -eq 5 ] || { sed -n 2,8p "$0" >&2; exit 2; }
out="$1"; mobileface="$2"; deepface="$3"; facerec="$4"; human="$5"
mkdir -p "$out"

# show GIT PATH DEST: one blob from HEAD into DEST
show() { mkdir -p "$(dirname "$3")"; git --git-dir="$1" show "HEAD:$2" > "$3"; }

# 1. lfw100: LFW-Aligned-100Pair (100 identities x 2 images, 100x100 greyscale, tightly cropped).
git --git-dir="$mobileface" ls-tree -r --name-only HEAD data/LFW-Aligned-100Pair | while read -r f; do
  rel="${f#data/LFW-Aligned-100Pair/}"; show "$mobileface" "$f" "$out/lfw100/$rel"
done

# 2. deepface: tests/unit/dataset images that master.csv links by a "Yes" pair, grouped into identities
#    (connected components of the "Yes" pairs; images in no "Yes" pair are left out).
git --git-dir="$deepface" show HEAD:tests/unit/dataset/master.csv | awk -F, '
  function find(x) { while (parent[x] != x) x = parent[x]; return x }
  NR > 1 { a = $1; b = $2; d = $3; sub(/\r$/, "", d)
           if (!(a in parent)) parent[a] = a; if (!(b in parent)) parent[b] = b
           if (d == "Yes") { ra = find(a); rb = find(b); if (ra != rb) parent[ra] = rb; yes[a] = 1; yes[b] = 1 } }
  END { for (x in yes) { r = find(x); sub(/\.jpg$/, "", r); print x, "id-" r } }' | while read -r img id; do
  show "$deepface" "tests/unit/dataset/$img" "$out/deepface/$id/$img"
done

# 3. facerec: face_recognition's k-NN example folders (one folder per person) plus the single-person test photos.
git --git-dir="$facerec" ls-tree -r --name-only HEAD examples/knn_examples/train | while read -r f; do
  rel="${f#examples/knn_examples/train/}"; show "$facerec" "$f" "$out/facerec/$rel"
done
show "$facerec" examples/knn_examples/test/alex_lacamoire1.jpg "$out/facerec/alex_lacamoire/test1.jpg"
show "$facerec" examples/knn_examples/test/obama1.jpg "$out/facerec/obama/test1.jpg"
show "$facerec" examples/knn_examples/test/johnsnow_test1.jpg "$out/facerec/kit_harington/test1.jpg"

# 4. human: Human's sample photos with repeated identities (two 8-photo expression series, three photos of one man)
#    plus single-photo portraits as impostor-only identities.
for n in 1 2 3 4 5 6 7 8; do
  show "$human" "samples/in/stock-emotions-a-$n.jpg" "$out/human/emotions-a/$n.jpg"
  show "$human" "samples/in/stock-emotions-b-$n.jpg" "$out/human/emotions-b/$n.jpg"
done
for f in person-vlado person-vlado1 person-vlado5; do show "$human" "samples/in/$f.jpg" "$out/human/vlado/$f.jpg"; done
for p in celeste christina lauren lexi linda nicole tasia tetiana; do show "$human" "samples/in/person-$p.jpg" "$out/human/$p/$p.jpg"; done

find "$out" -mindepth 1 -maxdepth 1 -type d | sort | while read -r d; do
  echo "prepare: $(basename "$d"): $(find "$d" -mindepth 1 -maxdepth 1 -type d | wc -l) identities, $(find "$d" -type f | wc -l) images"
done
