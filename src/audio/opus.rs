//! Speech to Opus in Ogg (RFC 7845) at 16 kbit/s, mono (wideband speech:
//! three minutes is about 250 KB on a phone's mobile data), with `opus-pure`
//! (no C library to install, so `cargo run` still builds on a bare machine;
//! its files are checked by `opusinfo`/`opusdec` and Chromium in the tests).
//! Engines' odd rates (espeak-ng's 22,050 Hz) are resampled to 16 kHz with
//! `rubato` first: Opus takes 8, 12, 16, 24 or 48 kHz.

use anyhow::Context;
use opus_pure::{Application, MAX_PACKET_BYTES, OggOpusWriter, OpusEncoder, OpusHead};
use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

use super::engines::Pcm;

/// Speech needs no more; the ceiling is 32.
pub const BITRATE: i32 = 16_000;
/// Of 10: a third of the time of 10 for 2 % more bytes (measured on
/// three minutes of espeak-ng English).
const COMPLEXITY: i32 = 5;
const OPUS_RATES: [u32; 5] = [8_000, 12_000, 16_000, 24_000, 48_000];

/// Silence between lines, in seconds.
pub fn silence(rate: u32, seconds: f32) -> Vec<f32> {
    vec![0.0; (rate as f32 * seconds) as usize]
}

/// The whole recording as an Ogg Opus file, ending exactly where the speech
/// ends (the last packet's granule trims the padding).
pub fn encode(pcm: &Pcm) -> anyhow::Result<Vec<u8>> {
    let (rate, samples) = if OPUS_RATES.contains(&pcm.rate) {
        (pcm.rate, std::borrow::Cow::Borrowed(&pcm.samples))
    } else {
        (16_000, std::borrow::Cow::Owned(resample(pcm, 16_000)?))
    };
    let frame = (rate / 50) as usize; // 20 ms
    let mut encoder = OpusEncoder::new(rate as i32, 1, Application::Voip).context("opus encoder")?;
    encoder.bitrate_bps = BITRATE;
    encoder.complexity = COMPLEXITY;
    let head = OpusHead::for_encoder(&encoder, rate);
    let ticks = (48_000 / rate) as usize;
    let total = samples.len();
    // Extra silence flushes the encoder's delay; the final granule says
    // where the speech stopped.
    let frames = (total + (head.pre_skip as usize).div_ceil(ticks)).div_ceil(frame);
    let final_granule = u64::from(head.pre_skip) + (total * ticks) as u64;
    let mut writer = OggOpusWriter::new(Vec::with_capacity(total / 8), head).context("ogg writer")?;
    let mut packet = vec![0u8; MAX_PACKET_BYTES];
    let mut block = vec![0.0f32; frame];
    for i in 0..frames {
        let start = (i * frame).min(total);
        let end = (start + frame).min(total);
        block[..end - start].copy_from_slice(&samples[start..end]);
        block[end - start..].fill(0.0);
        let n = encoder
            .encode(&block, frame, &mut packet)
            .context("opus encode")?;
        if i + 1 == frames {
            let duration = final_granule - writer.granule() as u64;
            writer.write_packet_with_duration(&packet[..n], duration as u32)?;
        } else {
            writer.write_packet(&packet[..n])?;
        }
    }
    Ok(writer.finish()?)
}

fn resample(pcm: &Pcm, to: u32) -> anyhow::Result<Vec<f32>> {
    let mut resampler =
        Fft::<f32>::new(pcm.rate as usize, to as usize, 1024, 1, FixedSync::Input).context("resampler")?;
    let input = InterleavedSlice::new(&pcm.samples[..], 1, pcm.samples.len()).context("resampler input")?;
    let out = resampler
        .process_all(&input, pcm.samples.len(), None)
        .context("resampling")?;
    Ok(out.take_data())
}

#[cfg(test)]
mod tests {
    use super::*;
    use opus_pure::OggOpusReader;

    fn tone(rate: u32, seconds: f32) -> Pcm {
        let n = (rate as f32 * seconds) as usize;
        Pcm {
            rate,
            samples: (0..n)
                .map(|i| 0.3 * (i as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin())
                .collect(),
        }
    }

    /// The length the file says it has: its last granule, less the pre-skip.
    pub fn seconds(file: &[u8]) -> f64 {
        let mut reader = OggOpusReader::new(std::io::Cursor::new(file)).unwrap();
        let pre_skip = i64::from(reader.head().pre_skip);
        let last = reader
            .packets()
            .map(|p| p.unwrap().page_granule)
            .max()
            .unwrap_or(0);
        (last - pre_skip) as f64 / 48_000.0
    }

    #[test]
    fn a_recording_is_ogg_opus_of_the_same_length_under_32_kbits() {
        for rate in [22_050, 48_000] {
            let file = encode(&tone(rate, 2.5)).unwrap();
            assert_eq!(&file[..4], b"OggS");
            assert_eq!(&file[28..36], b"OpusHead");
            let seconds = seconds(&file);
            assert!((seconds - 2.5).abs() < 0.01, "{rate} Hz: {seconds} s");
            let kbits = file.len() as f64 * 8.0 / seconds / 1000.0;
            assert!(kbits <= 32.0, "{rate} Hz: {kbits} kbit/s");
        }
    }
}
