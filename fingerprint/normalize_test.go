package fingerprint

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ｔｏｒａｙ", "toray"},
		{"TORAY  Industries\t", "toray industries"},
		{"ﾄｰﾚ", "トーレ"},
		{"ｶﾞｽ", "ガス"},
		{"東レ㈱", "東レ(株)"},
		{"\u3000東レ\u3000", "東レ"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, Fold(tc.in))
		})
	}
}

func TestNormalizeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Toray Industries, Inc.", "toray industries"},
		{"東レ株式会社", "東レ"},
		{"東レ㈱", "東レ"},
		{"(株)東レ", "東レ"},
		{"株式会社日立製作所", "日立製作所"},
		{"Xyz Co., Ltd.", "xyz"},
		{"Xyz Co.,Ltd.", "xyz"},
		{"ABC GmbH", "abc"},
		{"Siemens AG", "siemens"},
		{"Acme S.A.", "acme"},
		{"Acme K.K.", "acme"},
		{"SAP SE", "sap"},
		{"The Boeing Company", "boeing"},
		{"NEC Corporation", "nec"},
		{"Ｔｏｒａｙ", "toray"},
		{"株式会社", ""},
		{"Inc.", "inc"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, NormalizeName(tc.in))
		})
	}
}

func TestNormalizeDomain(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Toray.CO.JP", "toray.co.jp", true},
		{"jp.fujitsu.com.", "jp.fujitsu.com", true},
		{"東レ.jp", "xn--gek745n.jp", true}, // the punycode form idna gives
		{"https://toray.co.jp", "", false},
		{"toray.co.jp/en", "", false},
		{"toray.co.jp:443", "", false},
		{"*.toray.co.jp", "", false},
		{"co.jp", "", false},
		{"localhost", "", false},
		{"toray.nosuchtld", "", false},
		{"-bad.com", "", false},
		{"a..b.com", "", false},
		{"", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := NormalizeDomain(tc.in)
			if !tc.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRegistrableDomain(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"mail.jp.fujitsu.com", "fujitsu.com", true},
		{"www.toray.co.jp", "toray.co.jp", true},
		{"www.bbc.co.uk", "bbc.co.uk", true},
		{"shop.example.com.au", "example.com.au", true},
		{"toray.co.jp", "toray.co.jp", true},
		{"co.jp", "", false},
		{"fs01", "", false},
		{"portal.toray.local", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := RegistrableDomain(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestClassOf(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want class
	}{
		{'a', clWord}, {'7', clWord}, {'é', clWord}, {'_', clOther}, {'東', clHan}, {'々', clHan},
		{'の', clHiragana}, {'レ', clKatakana}, {'ー', clKatakana}, {'・', clOther}, {'한', clHangul},
		{'、', clOther},
	} {
		t.Run(string(tc.r), func(t *testing.T) {
			assert.Equal(t, tc.want, classOf(tc.r))
		})
	}
}
