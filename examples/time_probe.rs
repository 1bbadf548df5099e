//! Prints the temporal expressions of a text (argument 2) against a DCT (argument 1).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dct = args
        .get(1)
        .and_then(|d| lede::extract::time::Date::parse(d));
    for t in lede::extract::time::tag(args.get(2).map_or("", String::as_str), dct) {
        println!("{:?}", t);
    }
}
