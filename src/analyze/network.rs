//! The network of a set of documents: who and what appears with whom.
//!
//! Nodes are the people, organizations and places the extractors found
//! ([`crate::extract::Entity`], kinds person, org, place; misc entities
//! are left out), named as search facets name them: an organization or a
//! place by its canonical name, a person by the corpus-wide name
//! ([`Aliases::canonical`], as [`crate::extract::people_with`] merges
//! them), and quoted speakers (a name starting with a capital) as persons.
//! A node's `size` is the number of documents of the selection that
//! mention it or quote it; `mentions` counts its entity mentions.
//!
//! Edges, both counted over the selection:
//! - `paragraph` (undirected; `source` is the lower node id): the two
//!   appear in the same paragraph; weight = the number of such paragraphs.
//!   A mention belongs to the paragraph whose start
//!   ([`Document::paragraph_offsets`]) is the last at or before it; a
//!   document without offsets counts each line of its source as one;
//! - `quotes_about` (directed, speaker → entity): the speaker is quoted
//!   (a direct quote or a turn, not a scare quote) in a document that
//!   mentions the other; weight = the number of such documents.
//!
//! Only the `max_nodes` largest nodes are kept (by size, then mentions,
//! then name, then kind: a deterministic order, which is also the node
//! ids `0..n`), with the edges among them, the `max_edges` heaviest
//! (weight, then source, target and kind). Every node gets a position
//! from a Fruchterman–Reingold force-directed layout (repulsion over all
//! pairs, attraction along edges by the logarithm of their weight, a pull
//! towards the centre so separate components and lone nodes stay in view
//! (strong enough that a node with no edge settles within the frame), a linearly
//! cooling step) from a fixed pseudo-random start: the same input gives
//! the same picture. Positions lie in the square `0..=1000`.
//!
//! [`Network::to_gexf`] writes GEXF 1.3 (Gephi), [`Network::to_csv`] an
//! edge list with node names (cells through [`super::csv_field`]).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::Doc;
use crate::extract::{EntityKind, QuoteKind};
use crate::query::Aliases;

/// Settings of [`network`].
#[derive(Debug, Clone, Serialize)]
pub struct NetworkOptions {
    /// Nodes kept at most (500).
    pub max_nodes: usize,
    /// Edges kept at most, the heaviest (5000).
    pub max_edges: usize,
    /// Layout iterations (200).
    pub iterations: usize,
}

impl Default for NetworkOptions {
    fn default() -> NetworkOptions {
        NetworkOptions {
            max_nodes: 500,
            max_edges: 5000,
            iterations: 200,
        }
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Person,
    Org,
    Place,
}

impl NodeKind {
    /// The node kind of an entity kind (none for miscellaneous names).
    pub fn of(kind: EntityKind) -> Option<NodeKind> {
        match kind {
            EntityKind::Person => Some(NodeKind::Person),
            EntityKind::Organization => Some(NodeKind::Org),
            EntityKind::Place => Some(NodeKind::Place),
            EntityKind::Misc => None,
        }
    }

    /// The node an entity mention stands for: its kind and its name (a
    /// person's as `aliases` merges it); none for a miscellaneous or blank
    /// name.
    pub fn node_of<'a>(
        e: &'a crate::extract::Entity,
        aliases: &'a Aliases,
    ) -> Option<(NodeKind, &'a str)> {
        let kind = NodeKind::of(e.kind)?;
        let name = match kind {
            NodeKind::Person => aliases.canonical(&e.canonical),
            _ => e.canonical.as_str(),
        };
        (!name.trim().is_empty()).then_some((kind, name))
    }

    /// The name JSON, GEXF and CSV use.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Org => "org",
            NodeKind::Place => "place",
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// In the same paragraph (undirected).
    Paragraph,
    /// The source, quoted, in a document mentioning the target.
    QuotesAbout,
}

impl EdgeKind {
    /// The name JSON, GEXF and CSV use.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Paragraph => "paragraph",
            EdgeKind::QuotesAbout => "quotes_about",
        }
    }
}

/// One node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// Its index in [`Network::nodes`].
    pub id: u32,
    /// The name.
    pub label: String,
    pub kind: NodeKind,
    /// Documents mentioning or quoting it.
    pub size: usize,
    /// Entity mentions.
    pub mentions: usize,
    /// Layout position, in `0..=1000`.
    pub x: f64,
    pub y: f64,
}

/// One edge between nodes (by id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub source: u32,
    pub target: u32,
    pub kind: EdgeKind,
    /// Paragraphs (`paragraph`) or documents (`quotes_about`).
    pub weight: usize,
}

/// The network of a selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    /// Largest first; `nodes[i].id == i`.
    pub nodes: Vec<Node>,
    /// Heaviest first.
    pub edges: Vec<Edge>,
    /// Documents read.
    pub documents: usize,
    /// Nodes and edges before `max_nodes` / `max_edges` cut them.
    pub total_nodes: usize,
    pub total_edges: usize,
}

type Key = (NodeKind, String);

#[derive(Default)]
struct Tally {
    docs: usize,
    mentions: usize,
}

/// The network of `docs`, person names merged through `aliases`.
pub fn network(docs: &[Doc<'_>], aliases: &Aliases, opts: &NetworkOptions) -> Network {
    let mut slot: HashMap<Key, usize> = HashMap::new();
    let mut keys: Vec<Key> = Vec::new();
    let mut tally: Vec<Tally> = Vec::new();
    let mut intern = |key: Key, keys: &mut Vec<Key>, tally: &mut Vec<Tally>| -> usize {
        *slot.entry(key).or_insert_with_key(|k| {
            keys.push(k.clone());
            tally.push(Tally::default());
            keys.len() - 1
        })
    };
    let mut pair_w: HashMap<(usize, usize, EdgeKind), usize> = HashMap::new();
    for d in docs {
        let Some(ex) = d.extraction else { continue };
        // Paragraph starts, as byte offsets of the source.
        let starts: Vec<usize> = if d.doc.paragraph_offsets.is_empty() {
            std::iter::once(0)
                .chain(d.doc.source.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        } else {
            d.doc.paragraph_offsets.clone()
        };
        let mut in_doc: BTreeSet<usize> = BTreeSet::new();
        let mut by_par: Vec<(usize, usize)> = Vec::new();
        for e in &ex.entities {
            let Some((kind, name)) = NodeKind::node_of(e, aliases) else {
                continue;
            };
            let n = intern((kind, name.to_string()), &mut keys, &mut tally);
            tally[n].mentions += 1;
            in_doc.insert(n);
            let par = starts.partition_point(|&s| s <= e.start).saturating_sub(1);
            by_par.push((par, n));
        }
        let mut speakers: BTreeSet<usize> = BTreeSet::new();
        for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            let Some(s) = q
                .speaker
                .as_deref()
                .filter(|s| s.starts_with(char::is_uppercase))
            else {
                continue;
            };
            let name = aliases.canonical(s).to_string();
            speakers.insert(intern((NodeKind::Person, name), &mut keys, &mut tally));
        }
        for &n in in_doc.union(&speakers) {
            tally[n].docs += 1;
        }
        // Same paragraph: each pair once per paragraph.
        by_par.sort_unstable();
        by_par.dedup();
        let mut i = 0;
        while i < by_par.len() {
            let mut j = i;
            while j < by_par.len() && by_par[j].0 == by_par[i].0 {
                j += 1;
            }
            for a in i..j {
                for b in a + 1..j {
                    let (x, y) = (by_par[a].1, by_par[b].1);
                    *pair_w
                        .entry((x.min(y), x.max(y), EdgeKind::Paragraph))
                        .or_default() += 1;
                }
            }
            i = j;
        }
        // Quotes about: each (speaker, mentioned) once per document.
        for &s in &speakers {
            for &m in &in_doc {
                if m != s {
                    *pair_w.entry((s, m, EdgeKind::QuotesAbout)).or_default() += 1;
                }
            }
        }
    }
    // Largest nodes first; ids follow this order.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| {
        tally[b]
            .docs
            .cmp(&tally[a].docs)
            .then(tally[b].mentions.cmp(&tally[a].mentions))
            .then(keys[a].1.cmp(&keys[b].1))
            .then(keys[a].0.cmp(&keys[b].0))
    });
    order.truncate(opts.max_nodes);
    let mut new_id: HashMap<usize, u32> = HashMap::new();
    for (i, &n) in order.iter().enumerate() {
        new_id.insert(n, i as u32);
    }
    let total_edges = pair_w.len();
    let mut edges: Vec<Edge> = pair_w
        .into_iter()
        .filter_map(|((a, b, kind), weight)| {
            let (mut source, mut target) = (*new_id.get(&a)?, *new_id.get(&b)?);
            if kind == EdgeKind::Paragraph && source > target {
                std::mem::swap(&mut source, &mut target);
            }
            Some(Edge {
                source,
                target,
                kind,
                weight,
            })
        })
        .collect();
    edges.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
            .then(a.kind.cmp(&b.kind))
    });
    edges.truncate(opts.max_edges);
    let positions = layout(order.len(), &edges, opts.iterations);
    let nodes = order
        .iter()
        .zip(positions)
        .enumerate()
        .map(|(i, (&n, (x, y)))| Node {
            id: i as u32,
            label: keys[n].1.clone(),
            kind: keys[n].0,
            size: tally[n].docs,
            mentions: tally[n].mentions,
            x,
            y,
        })
        .collect();
    Network {
        nodes,
        edges,
        documents: docs.len(),
        total_nodes: keys.len(),
        total_edges,
    }
}

/// Side of the layout square.
const FRAME: f64 = 1000.0;

/// Radius (a share of the frame) at which the pull towards the centre
/// balances the repulsion of all other nodes on a node with no edge.
const REACH: f64 = 0.6;

/// Fruchterman–Reingold positions of `n` nodes linked by `edges`, in
/// `0..=FRAME`, rounded to a tenth.
fn layout(n: usize, edges: &[Edge], iterations: usize) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    // A fixed xorshift start, spread over the frame.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| ((next() - 0.5) * FRAME, (next() - 0.5) * FRAME))
        .collect();
    // The ideal distance, and each edge's pull (log of its weight).
    let k = (FRAME * FRAME / n as f64).sqrt() * 0.75;
    let springs: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|e| e.source != e.target)
        .map(|e| {
            (
                e.source as usize,
                e.target as usize,
                0.5 + 0.5 * (e.weight as f64).ln(),
            )
        })
        .collect();
    // Linear gravity g·d against the repulsion n·k²/d of the others: a
    // node without edges settles near d = REACH · FRAME, so isolated nodes
    // stay in the picture instead of squeezing the rest into its middle.
    let gravity = n as f64 * k * k / (REACH * FRAME).powi(2);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    let t0 = FRAME / 10.0;
    for it in 0..iterations {
        let t = t0 * (1.0 - it as f64 / iterations as f64) + 0.5;
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            let (xi, yi) = pos[i];
            let (mut fx, mut fy) = (0.0, 0.0);
            for (j, &(xj, yj)) in pos.iter().enumerate().skip(i + 1) {
                let (dx, dy) = (xi - xj, yi - yj);
                let d2 = (dx * dx + dy * dy).max(0.01);
                // k² / d along the unit vector: k² · d⃗ / d².
                let f = k * k / d2;
                fx += dx * f;
                fy += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
            disp[i].0 += fx;
            disp[i].1 += fy;
        }
        for &(a, b, w) in &springs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            // d² / k along the unit vector, scaled by the edge's pull.
            let f = w * d / k;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            // Gravity towards the centre.
            let (gx, gy) = (-p.0 * gravity, -p.1 * gravity);
            let (dx, dy) = (d.0 + gx, d.1 + gy);
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 {
                let step = len.min(t) / len;
                p.0 += dx * step;
                p.1 += dy * step;
            }
        }
    }
    // Fit into the frame, keeping the aspect ratio.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let span = (x1 - x0).max(y1 - y0);
    let scale = if span > 0.0 { FRAME / span } else { 0.0 };
    let (ox, oy) = (
        (FRAME - (x1 - x0) * scale) / 2.0,
        (FRAME - (y1 - y0) * scale) / 2.0,
    );
    let round = |v: f64| (v * 10.0).round() / 10.0;
    pos.into_iter()
        .map(|(x, y)| {
            if scale == 0.0 {
                (FRAME / 2.0, FRAME / 2.0)
            } else {
                (round(ox + (x - x0) * scale), round(oy + (y - y0) * scale))
            }
        })
        .collect()
}

/// `s` as XML attribute text: markup characters escaped, characters XML
/// 1.0 forbids (most C0 controls) dropped.
fn xml_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Network {
    /// GEXF 1.3: nodes with their label, a `kind` and a `size` attribute,
    /// `viz:size` and `viz:position`; edges with their weight, a `kind`
    /// attribute (also the GEXF edge `kind`, so a paragraph edge and a
    /// quotes-about edge between the same two stay apart), `paragraph`
    /// edges undirected, `quotes_about` directed.
    pub fn to_gexf(&self) -> String {
        let mut s = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
            "  <meta><creator>Lede</creator><description>People, organizations and places: same paragraph, quotes about</description></meta>\n",
            "  <graph defaultedgetype=\"directed\" mode=\"static\">\n",
            "    <attributes class=\"node\">\n",
            "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n",
            "      <attribute id=\"size\" title=\"size\" type=\"integer\"/>\n",
            "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n",
            "    </attributes>\n",
            "    <attributes class=\"edge\">\n",
            "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n",
            "    </attributes>\n",
            "    <nodes>\n",
        ));
        for n in &self.nodes {
            s.push_str(&format!(
                concat!(
                    "      <node id=\"{}\" label=\"{}\"><attvalues>",
                    "<attvalue for=\"kind\" value=\"{}\"/><attvalue for=\"size\" value=\"{}\"/>",
                    "<attvalue for=\"mentions\" value=\"{}\"/></attvalues>",
                    "<viz:size value=\"{}\"/><viz:position x=\"{}\" y=\"{}\" z=\"0\"/></node>\n"
                ),
                n.id,
                xml_attr(&n.label),
                n.kind.as_str(),
                n.size,
                n.mentions,
                n.size,
                n.x,
                n.y
            ));
        }
        s.push_str("    </nodes>\n    <edges>\n");
        for (i, e) in self.edges.iter().enumerate() {
            let ty = match e.kind {
                EdgeKind::Paragraph => "undirected",
                EdgeKind::QuotesAbout => "directed",
            };
            s.push_str(&format!(
                concat!(
                    "      <edge id=\"{}\" source=\"{}\" target=\"{}\" type=\"{}\" kind=\"{}\" weight=\"{}\">",
                    "<attvalues><attvalue for=\"kind\" value=\"{}\"/></attvalues></edge>\n"
                ),
                i,
                e.source,
                e.target,
                ty,
                e.kind.as_str(),
                e.weight,
                e.kind.as_str()
            ));
        }
        s.push_str("    </edges>\n  </graph>\n</gexf>\n");
        s
    }

    /// The edge list as CSV: `source,target,kind,weight`, nodes by name.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        super::csv_row(&mut out, &["source", "target", "kind", "weight"]);
        let name = |id: u32| {
            self.nodes
                .get(id as usize)
                .map_or("", |n: &Node| n.label.as_str())
        };
        for e in &self.edges {
            let weight = e.weight.to_string();
            super::csv_row(
                &mut out,
                &[name(e.source), name(e.target), e.kind.as_str(), &weight],
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    fn seeds_network() -> Network {
        let c = Corpus::with_seeds();
        network(&c.select(None), c.aliases(), &NetworkOptions::default())
    }

    fn node<'a>(n: &'a Network, label_part: &str) -> &'a Node {
        n.nodes
            .iter()
            .find(|x| x.label.contains(label_part))
            .unwrap_or_else(|| panic!("no node {label_part}"))
    }

    fn linked(n: &Network, a: u32, b: u32) -> bool {
        n.edges
            .iter()
            .any(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
    }

    #[test]
    fn seeds_link_lavrov_to_stoltenberg_and_blinken() {
        let n = seeds_network();
        assert!(n.documents > 0 && !n.nodes.is_empty());
        let lavrov = node(&n, "Lavrov");
        assert_eq!(lavrov.kind, NodeKind::Person);
        for other in ["Stoltenberg", "Blinken"] {
            let o = node(&n, other);
            assert!(linked(&n, lavrov.id, o.id), "Lavrov – {other}");
        }
        // Lavrov is quoted: some quotes-about edge starts at him.
        assert!(n
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::QuotesAbout && e.source == lavrov.id));
        // Ids are positions; sizes never grow down the list; positions in
        // the frame.
        for (i, w) in n.nodes.iter().enumerate() {
            assert_eq!(w.id as usize, i);
            assert!((0.0..=FRAME).contains(&w.x) && (0.0..=FRAME).contains(&w.y));
        }
        assert!(n.nodes.windows(2).all(|w| w[0].size >= w[1].size));
        assert!(n
            .edges
            .iter()
            .all(|e| e.weight > 0 && (e.kind != EdgeKind::Paragraph || e.source < e.target)));
        // Deterministic.
        assert_eq!(n, seeds_network());
    }

    #[test]
    fn max_nodes_keeps_the_largest_and_their_edges() {
        let c = Corpus::with_seeds();
        let opts = NetworkOptions {
            max_nodes: 5,
            ..Default::default()
        };
        let small = network(&c.select(None), c.aliases(), &opts);
        let all = seeds_network();
        assert_eq!(small.nodes.len(), 5);
        let labels: Vec<&str> = all.nodes[..5].iter().map(|n| n.label.as_str()).collect();
        let got: Vec<&str> = small.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(got, labels);
        assert!(small.edges.iter().all(|e| e.source < 5 && e.target < 5));
        let empty = network(&[], c.aliases(), &opts);
        assert!(empty.nodes.is_empty() && empty.edges.is_empty());
    }

    fn hostile() -> Network {
        let node = |id: u32, label: &str| Node {
            id,
            label: label.into(),
            kind: NodeKind::Org,
            size: 1,
            mentions: 1,
            x: 0.0,
            y: 0.0,
        };
        Network {
            nodes: vec![
                node(0, "=HYPERLINK(\"http://x\")"),
                node(1, "A&B <script>\"'\u{1}"),
            ],
            edges: vec![Edge {
                source: 0,
                target: 1,
                kind: EdgeKind::QuotesAbout,
                weight: 2,
            }],
            documents: 1,
            total_nodes: 2,
            total_edges: 1,
        }
    }

    #[test]
    fn gexf_escapes_names() {
        let g = hostile().to_gexf();
        assert!(g.contains("label=\"A&amp;B &lt;script&gt;&quot;&apos;\""));
        assert!(!g.contains("<script>") && !g.contains('\u{1}'));
        assert_eq!(g.matches("<node ").count(), 2);
        assert_eq!(g.matches("<edge ").count(), 1);
        // Balanced: every opened element closed.
        let opens = g.matches("<nodes>").count() + g.matches("<edges>").count();
        let closes = g.matches("</nodes>").count() + g.matches("</edges>").count();
        assert_eq!((opens, closes), (2, 2));
        assert!(g.trim_end().ends_with("</gexf>"));
        // Every attribute value's quotes pair up (no raw quote leaked).
        for line in g.lines().filter(|l| l.contains("<node ")) {
            assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        }
        let seeds = seeds_network().to_gexf();
        assert_eq!(seeds.matches("<node ").count(), seeds_network().nodes.len());
    }

    #[test]
    fn csv_is_neutralised() {
        let csv = hostile().to_csv();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("source,target,kind,weight"));
        let row = lines.next().unwrap_or_default();
        assert!(
            row.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\","),
            "{row}"
        );
        assert!(row.ends_with(",quotes_about,2"), "{row}");
    }
}
