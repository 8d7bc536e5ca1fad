// Debian's zlib1g-dev: raw DEFLATE decoding for compressed zip entries (scipy's save_npz default).
#include <zlib.h>
#include <stddef.h>

// Inflates the raw DEFLATE stream `input` (no zlib or gzip header, as in zip entries) into
// `output`, whose size is the entry's known uncompressed size. Returns Z_OK when the stream ends
// exactly after `output_length` bytes, Z_BUF_ERROR when it ends elsewhere, Z_DATA_ERROR when it
// is corrupt or truncated, Z_MEM_ERROR when zlib ran out of memory. inflateInit2 is a macro,
// so Swift needs this function to call it.
static inline int xmr_inflate_raw(const unsigned char *input, size_t input_length,
                                  unsigned char *output, size_t output_length) {
    z_stream stream = {0};
    int status = inflateInit2(&stream, -MAX_WBITS);
    if (status != Z_OK) return status;
    // avail_in and avail_out are 32-bit: feed and drain in pieces of at most 1 GiB.
    const size_t piece = (size_t)1 << 30;
    size_t consumed = 0, offered = 0;
    int result;
    for (;;) {
        if (stream.avail_in == 0 && consumed < input_length) {
            size_t n = input_length - consumed < piece ? input_length - consumed : piece;
            stream.next_in = (unsigned char *)input + consumed;
            stream.avail_in = (uInt)n;
            consumed += n;
        }
        if (stream.avail_out == 0 && offered < output_length) {
            size_t n = output_length - offered < piece ? output_length - offered : piece;
            stream.next_out = output + offered;
            stream.avail_out = (uInt)n;
            offered += n;
        }
        if (stream.avail_out == 0) {
            // The output is full: the stream must end here. One spare byte tells whether it does.
            unsigned char spare;
            stream.next_out = &spare;
            stream.avail_out = 1;
            status = inflate(&stream, Z_FINISH);
            result = status == Z_STREAM_END && stream.avail_out == 1 ? Z_OK
                   : (status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR) && stream.avail_out == 0 ? Z_BUF_ERROR
                   : Z_DATA_ERROR;
            break;
        }
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            result = offered - stream.avail_out == output_length ? Z_OK : Z_BUF_ERROR;
            break;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0 && consumed == input_length) { result = Z_DATA_ERROR; break; }
        if (status != Z_OK && status != Z_BUF_ERROR) { result = status == Z_MEM_ERROR ? Z_MEM_ERROR : Z_DATA_ERROR; break; }
    }
    inflateEnd(&stream);
    return result;
}
