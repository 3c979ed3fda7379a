//! OLE2 compound files (`.xls`, WPS `.et`; also old Word `.doc`, WPS `.wps` and password-protected
//! Office files) checked before calamine opens them.
//!
//! A compound file is a little file system: sectors chained through a table (the FAT), a
//! directory of named streams. calamine follows the chains as the file says: a chain that loops
//! grows without end, and a sector number past the table panics. [`Compound::open`] walks every
//! chain a reader will follow, once, with each sector visited at most once and every number in
//! range, and only then is the file handed on. It also names the streams, which tells a workbook
//! (`Workbook`) from a Word document (`WordDocument`) and an encrypted Office file
//! (`EncryptedPackage`).

use gongkai_messages::msg;

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers from here on are markers, not sectors (calamine's bound on the DIFAT chain).
const RESERVED: u32 = 0xFFFF_FFFA;
/// FAT sectors are listed below this in the DIFAT (calamine's filter).
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this are kept in the mini stream, in 64-byte sectors.
const MINI_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;

/// True when `bytes` starts as a compound file does.
pub fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// A compound file whose chains all end, within the file.
#[derive(Debug)]
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    /// The mini stream (the root entry's chain), which holds the short streams.
    mini: Vec<u8>,
    entries: Vec<Entry>,
}

/// One directory entry.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    /// 1 storage, 2 stream, 5 root.
    kind: u8,
    start: u32,
    size: u64,
}

impl<'a> Compound<'a> {
    /// Opens `bytes` as a compound file, following every chain once; the error says what is
    /// wrong with the file.
    pub fn open(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
        if bytes.len() < 512 || !is_compound(bytes) {
            return Err(msg!("workbook-compound-header"));
        }
        let sector = match u16_at(bytes, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            other => {
                return Err(msg!(
                    "workbook-compound-sector-shift",
                    shift = format!("{other:?}")
                ))
            }
        };
        if u16_at(bytes, 32) != Some(6) {
            return Err(msg!("workbook-compound-mini-shift"));
        }
        let mut file = Compound {
            bytes,
            sector,
            fat: Vec::new(),
            minifat: Vec::new(),
            mini: Vec::new(),
            entries: Vec::new(),
        };
        // Whole sectors after the header only: a sector cut short is a file cut short.
        let sectors = bytes.len().saturating_sub(sector) / sector;

        // The DIFAT: 109 entries in the header, then a chain of sectors whose last number is the
        // next sector's.
        let mut difat: Vec<u32> = u32s(bytes.get(76..512).unwrap_or_default()).collect();
        let mut next = u32_at(bytes, 68).unwrap_or(END_OF_CHAIN);
        let mut seen = vec![false; sectors];
        while next < RESERVED {
            let data = file.sector_data(next, &mut seen, "DIFAT")?;
            let mut numbers: Vec<u32> = u32s(data).collect();
            next = numbers.pop().unwrap_or(END_OF_CHAIN);
            difat.extend(numbers);
        }
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            let data = file.sector_data(id, &mut seen, "FAT")?;
            file.fat.extend(u32s(data));
        }

        let directory = file.chain(u32_at(bytes, 48).unwrap_or(END_OF_CHAIN))?;
        let dir_bytes = file.gather(&directory, usize::MAX);
        file.entries = dir_bytes
            .chunks_exact(128)
            .map(|c| entry(c, sector))
            .collect();
        let root = match file.entries.first() {
            Some(root) if root.kind == 5 => root.clone(),
            _ => return Err(msg!("workbook-compound-no-root")),
        };
        // calamine loads the mini stream when the header counts mini FAT sectors.
        if u32_at(bytes, 64).unwrap_or(0) > 0 {
            let minifat = file.chain(u32_at(bytes, 60).unwrap_or(END_OF_CHAIN))?;
            file.minifat = u32s(&file.gather(&minifat, usize::MAX)).collect();
            let mini = file.chain(root.start)?;
            let size = usize::try_from(root.size).unwrap_or(usize::MAX);
            if size > mini.len() * sector {
                return Err(msg!("workbook-compound-mini-short"));
            }
            file.mini = file.gather(&mini, size);
        }
        // Every stream's chain, so that whichever a reader opens ends within the file.
        for e in file.entries.iter().filter(|e| e.kind == 2) {
            file.stream_chain(e)?;
        }
        Ok(file)
    }

    /// The names of the streams and storages, in directory order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries
            .iter()
            .filter(|e| matches!(e.kind, 1 | 2))
            .map(|e| e.name.as_str())
    }

    /// Whether an entry of this name is present (case-insensitive, as readers look them up).
    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The bytes of the stream named `name` (the first entry of that name, any case, as calamine
    /// finds it).
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let e = self.find(name)?;
        let size = usize::try_from(e.size).unwrap_or(usize::MAX);
        let chain = self.stream_chain(e).ok()?;
        Some(if e.size < MINI_CUTOFF {
            let mut out = Vec::with_capacity(size);
            for id in chain {
                let at = id as usize * MINI_SECTOR;
                out.extend_from_slice(self.mini.get(at..at + MINI_SECTOR).unwrap_or_default());
            }
            out.truncate(size);
            out
        } else {
            self.gather(&chain, size)
        })
    }

    /// The file offset of each sector of a stream kept in whole sectors, in order: tests change
    /// a workbook's records in place.
    #[cfg(test)]
    pub(crate) fn sector_offsets(&self, name: &str) -> Vec<usize> {
        self.find(name)
            .filter(|e| e.size >= MINI_CUTOFF)
            .and_then(|e| self.chain(e.start).ok())
            .map(|c| {
                c.iter()
                    .map(|id| (*id as usize + 1) * self.sector)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The chain of an entry, checked to hold its size: in the mini stream when short.
    fn stream_chain(&self, e: &Entry) -> Result<Vec<u32>, String> {
        if e.size < MINI_CUTOFF {
            let chain = walk(e.start, &self.minifat, self.mini.len() / MINI_SECTOR)
                .map_err(|why| msg!("workbook-compound-stream", stream = &e.name, why = why))?;
            if e.size > (chain.len() * MINI_SECTOR) as u64 {
                return Err(msg!("workbook-compound-stream-short", stream = &e.name));
            }
            Ok(chain)
        } else {
            let chain = self.chain(e.start)?;
            if e.size > (chain.len() as u64).saturating_mul(self.sector as u64) {
                return Err(msg!("workbook-compound-stream-short", stream = &e.name));
            }
            Ok(chain)
        }
    }

    /// A chain of whole sectors through the FAT.
    fn chain(&self, start: u32) -> Result<Vec<u32>, String> {
        let sectors = self.bytes.len().saturating_sub(self.sector) / self.sector;
        walk(start, &self.fat, sectors)
    }

    /// The bytes of a chain's sectors, at most `limit`.
    fn gather(&self, chain: &[u32], limit: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(limit.min(chain.len() * self.sector));
        for id in chain {
            let at = (*id as usize + 1) * self.sector;
            out.extend_from_slice(self.bytes.get(at..at + self.sector).unwrap_or_default());
        }
        out.truncate(limit);
        out
    }

    /// A DIFAT or FAT sector, each used once.
    fn sector_data(&self, id: u32, seen: &mut [bool], what: &str) -> Result<&'a [u8], String> {
        let bytes: &'a [u8] = self.bytes;
        match seen.get_mut(id as usize) {
            Some(s) if !*s => *s = true,
            Some(_) => {
                return Err(msg!(
                    "workbook-compound-sector-twice",
                    table = what,
                    sector = id
                ))
            }
            None => return Err(past_end(what, id)),
        }
        let at = (id as usize + 1) * self.sector;
        bytes
            .get(at..at + self.sector)
            .ok_or_else(|| past_end(what, id))
    }
}

/// `FAT sector 7 is past the end of the file`.
fn past_end(table: &str, sector: u32) -> String {
    msg!(
        "workbook-compound-sector-past-end",
        table = table,
        sector = sector
    )
}

/// Follows a chain from `start` through `table` to its end: every number in the table and below
/// `sectors`, none twice.
fn walk(start: u32, table: &[u32], sectors: usize) -> Result<Vec<u32>, String> {
    let mut seen = vec![false; table.len().min(sectors)];
    let mut chain = Vec::new();
    let mut id = start;
    while id != END_OF_CHAIN {
        match seen.get_mut(id as usize) {
            Some(s) if !*s => *s = true,
            Some(_) => return Err(msg!("workbook-compound-chain-loops", sector = id)),
            None => return Err(msg!("workbook-compound-chain-past-end", sector = id)),
        }
        chain.push(id);
        id = table.get(id as usize).copied().unwrap_or(END_OF_CHAIN);
    }
    Ok(chain)
}

fn entry(c: &[u8], sector: usize) -> Entry {
    let units: Vec<u16> = c
        .get(..64)
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .take_while(|u| *u != 0)
        .collect();
    let size = if sector == 512 {
        u64::from(u32_at(c, 120).unwrap_or(0))
    } else {
        c.get(120..128)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    Entry {
        name: String::from_utf16_lossy(&units),
        kind: c.get(66).copied().unwrap_or(0),
        start: u32_at(c, 116).unwrap_or(END_OF_CHAIN),
        size,
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}
