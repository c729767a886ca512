package sourcemap

import (
	"encoding/binary"
	"fmt"

	"github.com/buildwasm/buildwasm/internal/wasmbin"
)

const urlSection = "sourceMappingURL"

// WithURL returns wasm with a sourceMappingURL custom section pointing at
// url, replacing an existing one. The section goes at the end of the file,
// so no code offset moves and the map stays valid.
func WithURL(wasm []byte, url string) ([]byte, error) {
	sections, err := wasmbin.Sections(wasm)
	if err != nil {
		return nil, err
	}
	out := wasm
	// Only the last section may be replaced: removing one elsewhere would
	// shift what follows it.
	for i := len(sections) - 1; i >= 0; i-- {
		s := sections[i]
		if s.ID != wasmbin.SectionCustom || s.Name != urlSection {
			continue
		}
		end := s.Offset + len(s.Data)
		if end != len(out) {
			return nil, fmt.Errorf("the existing %s section is not at the end of the file: replacing it would move code offsets", urlSection)
		}
		out = out[:s.Start:s.Start]
		break
	}
	payload := binary.AppendUvarint(nil, uint64(len(urlSection)))
	payload = append(payload, urlSection...)
	payload = binary.AppendUvarint(payload, uint64(len(url)))
	payload = append(payload, url...)
	res := append([]byte(nil), out...)
	res = append(res, wasmbin.SectionCustom)
	res = binary.AppendUvarint(res, uint64(len(payload)))
	return append(res, payload...), nil
}
