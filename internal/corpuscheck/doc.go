// Package corpuscheck triages the development corpus.
package corpuscheck
