"""Tool commands: ``assets`` (Leaflet's files for offline maps) and ``synth`` (scale data)."""

from __future__ import annotations

import argparse

from geo.cli.common import settings_of, store_of
from geo.render.assets import install_leaflet


def cmd_assets(args: argparse.Namespace) -> int:
    print(f"Leaflet installed in {install_leaflet(settings_of(args).static_dir)}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from geo import synth

    out = synth.write(args.out, args.settlements, args.claims, args.snapshots, args.seed,
                      store_of(args))
    print(f"wrote {args.settlements:,} settlements, {args.claims:,} claims and "
          f"{args.snapshots:,} daily maps to {out} (maps in {out / 'local'}: run the app with "
          f"--data {out} --store {out / 'local'})")
    return 0
