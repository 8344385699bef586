package meta

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTextCoord(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"35.68", 35.68, true},
		{"-35.68", -35.68, true},
		{"35.68N", 35.68, true},
		{"139.76 W", -139.76, true},
		{"S 35.68", -35.68, true},
		{"35,40.8N", 35.68, true},
		{"35 40 48", 35.68, true},
		{"35°40'48\"N", 35.68, true},
		{"35/1,40/1,4800/100", 35.68, true},
		{"-35.68S", 35.68, true}, // two negatives
		{"181", 0, false},
		{"35 61 00", 0, false},
		{"35 40 48 12", 0, false},
		{"north", 0, false},
		{"35/0", 0, false},
		{"NaN", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseTextCoord(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		if ok {
			assert.InDelta(t, tt.want, got, 1e-9, tt.in)
		}
	}
}

// TestGPSAsText reads GPS positions written as text: EXIF GPSLatitude and
// GPSLongitude of type ASCII, with their references, and XMP coordinates
// in decimal degrees.
func TestGPSAsText(t *testing.T) {
	le := binary.LittleEndian
	gps := []tEnt{asciiEnt(1, "S"), asciiEnt(2, "33 52 8.4"), asciiEnt(3, "E"), asciiEnt(4, "151.2093")}
	block := tiffBlock(le, 42, false, cameraIFD0(), nil, gps)
	res, err := extractImage(t, NewEXIF(), bytesInput("x.jpg", jpegWithEXIF(block)), Limits{})
	require.NoError(t, err)
	require.NotNil(t, res.Metadata.GPS)
	assert.InDelta(t, -33.869, res.Metadata.GPS.Lat, 1e-9)
	assert.InDelta(t, 151.2093, res.Metadata.GPS.Lon, 1e-9)

	_, md, err := ParseXMP([]byte(xmpHead+`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"
		exif:GPSLatitude="-33.869" exif:GPSLongitude="151.2093E"/>`+xmpTail), Limits{})
	require.NoError(t, err)
	require.NotNil(t, md.GPS)
	assert.True(t, math.Abs(md.GPS.Lat+33.869) < 1e-9 && math.Abs(md.GPS.Lon-151.2093) < 1e-9, "%+v", md.GPS)
}
