from goldenthread.cli import main

main()
