//! Lists in first-seen order without repeats: the actors, parties and topics gathered from
//! several names or reports keep the order they were first given in.

/// `items` in first-seen order, each once.
pub fn first_seen<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    extend_new(&mut out, items);
    out
}

/// Appends to `list` the items it does not hold yet, in order.
pub fn extend_new<T: PartialEq>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_of_each_in_order() {
        assert_eq!(
            first_seen(["USA", "Russia", "USA", "Ukraine", "Russia"]),
            vec!["USA", "Russia", "Ukraine"]
        );
        let mut list = vec![1, 2];
        extend_new(&mut list, [2, 3, 1, 4]);
        assert_eq!(list, vec![1, 2, 3, 4]);
    }
}
