from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.areas.boundaries import BoundaryError, import_boundaries


class Command(BaseCommand):
    help = (
        "Import map shapes from a GeoJSON, TopoJSON or HexJSON file, for the areas "
        "already known (docs/maps.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--map", help="the map's name; by default the file's")
        parser.add_argument("--layer", help="of a TopoJSON file, the one layer to import")

    def handle(self, *args, **options):
        try:
            done = import_boundaries(
                options["path"], map_name=options["map"], layer=options["layer"]
            )
        except (BoundaryError, OSError) as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        for imported in done:
            self.stdout.write(imported.headline())
