package similar_test

import (
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/similar"
)

func BenchmarkHashImage(b *testing.B) {
	for _, c := range []struct {
		name string
		w, h int
	}{{"1366x768", 1366, 768}, {"3840x2160", 3840, 2160}} {
		img := screen(c.w, c.h, 1)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := similar.HashImage(img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHashText(b *testing.B) {
	csv := readFixture(b, "orders.csv")
	big := strings.Repeat(csv, 128) // about 100 kB
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		similar.HashText(big)
	}
}

func BenchmarkDistance(b *testing.B) {
	h1, _, _ := similar.HashImage(screen(400, 300, 1))
	h2, _, _ := similar.HashImage(screen(400, 300, 2))
	n := 0
	for b.Loop() {
		n += h1.Distance(h2)
	}
	_ = n
}

func BenchmarkSimilarityAndBands(b *testing.B) {
	s1 := similar.HashText(readFixture(b, "orders.csv"))
	s2 := similar.HashText(readFixture(b, "memo.txt"))
	b.Run("Similarity", func(b *testing.B) {
		for b.Loop() {
			s1.Similarity(s2)
		}
	})
	b.Run("Bands", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s1.Bands()
		}
	})
}
