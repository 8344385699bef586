package meta

import (
	"context"
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xcfProp is one image property of an XCF file.
func xcfProp(typ uint32, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, typ)
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	return append(out, data...)
}

// xcfParasiteBytes is one parasite of the parasites property.
func xcfParasiteBytes(name string, data []byte) []byte {
	be := binary.BigEndian
	out := be.AppendUint32(nil, uint32(len(name)+1))
	out = append(append(out, name...), 0)
	out = be.AppendUint32(out, 1) // persistent
	out = be.AppendUint32(out, uint32(len(data)))
	return append(out, data...)
}

// xcfFile is a GIMP image of version 11 holding a comment and EXIF.
func xcfFile() []byte {
	be := binary.BigEndian
	out := []byte("gimp xcf v011\x00")
	for _, v := range []uint32{64, 48, 0, 150} { // width, height, RGB, 8-bit gamma
		out = be.AppendUint32(out, v)
	}
	res := be.AppendUint32(nil, math.Float32bits(300))
	res = be.AppendUint32(res, math.Float32bits(300))
	out = append(out, xcfProp(xcfPropResolution, res)...)
	parasites := append(xcfParasiteBytes(xcfParasiteComment, []byte("Drawn for Example Fibres K.K.\x00")),
		xcfParasiteBytes(xcfParasiteEXIF, append([]byte("Exif\x00\x00"), cameraTIFF(binary.LittleEndian, 42, false)...))...)
	out = append(out, xcfProp(xcfPropParasites, parasites)...)
	return append(out, xcfProp(xcfPropEnd, nil)...)
}

func TestXCF(t *testing.T) {
	in := bytesInput("x.xcf", xcfFile())
	require.Equal(t, "image/x-xcf", in.Type.MIME)
	res, err := extractImage(t, NewXCF(), in, Limits{})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, map[string]any{"XCFVersion": "v011", "ImageWidth": int64(64), "ImageHeight": int64(48),
		"XResolution": 300.0, "YResolution": 300.0, "Comment": "Drawn for Example Fibres K.K."}, res.Metadata.Raw)

	res, err = extractImage(t, NewEXIF(), in, Limits{})
	require.NoError(t, err)
	md := res.Metadata
	md.Raw = nil
	assert.Equal(t, cameraMetadata, md)

	for _, tt := range []struct {
		name   string
		mutate func(b []byte) []byte
	}{
		{"property of 4 GiB", func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[xcfHeaderLen+16+4:], 0xFFFFFFF0)
			return b
		}},
		{"parasite of 4 GiB", func(b []byte) []byte {
			at := xcfHeaderLen + 16 + 16 + 8 + 4 + len(xcfParasiteComment) + 1 + 4
			binary.BigEndian.PutUint32(b[at:], 0xFFFFFFF0)
			return b
		}},
		{"no end of properties", func(b []byte) []byte { return b[:len(b)-8] }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.mutate(xcfFile())
			res, err := NewXCF().Extract(context.Background(), bytesInput(tt.name, data), Limits{})
			if err == nil {
				require.NotEmpty(t, res.Warnings)
				err = res.Warnings[0]
			}
			assert.ErrorIs(t, err, ErrFormat)
		})
	}
}

func FuzzXCF(f *testing.F) {
	f.Add(xcfFile())
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExtract(t, NewXCF(), data)
		fuzzExtract(t, NewEXIF(), data)
	})
}
