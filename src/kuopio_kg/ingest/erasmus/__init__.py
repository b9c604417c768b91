"""The Erasmus+ KA1 mobility import: published tables → flows → the mobility graph."""
